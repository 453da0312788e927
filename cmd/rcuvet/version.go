package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// version returns rcuvet's version: the module version the binary was
// built at (a release tag, or a pseudo-version when go install stamped one
// from the repository), or "devel" with the commit when only that is known,
// or "devel".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	v := "devel-" + rev[:min(12, len(rev))]
	if dirty {
		v += "+dirty"
	}
	return v
}

// buildID returns a hash of the running executable, which changes whenever
// rcuvet is rebuilt with other code or another toolchain.
func buildID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// printVersion answers -V and -V=full. The full form is the line go vet
// reads: "rcuvet version VERSION buildID=HASH". go vet keys its cache on
// it: on the hash after buildID= when VERSION is "devel", and on the whole
// line otherwise, so results computed by another build of rcuvet are never
// reused.
func printVersion(w io.Writer, args []string) error {
	full := false
	for _, a := range args {
		if strings.TrimLeft(a, "-") == "V=full" {
			full = true
		}
	}
	if !full {
		_, err := fmt.Fprintf(w, "rcuvet version %s\n", version())
		return err
	}
	id, err := buildID()
	if err != nil {
		return fmt.Errorf("-V=full: hashing the executable: %v", err)
	}
	_, err = fmt.Fprintf(w, "rcuvet version %s buildID=%s\n", version(), id)
	return err
}
