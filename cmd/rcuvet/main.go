package main

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/rcuvet/rcuvet/internal/gcgoal"
)

func main() {
	args := os.Args[1:]
	switch {
	case versionQuery(args):
		// go vet asks every vet tool for its version (-V=full) and keys its
		// cache on the answer, so it must change whenever rcuvet does.
		if err := printVersion(os.Stdout, args); err != nil {
			fmt.Fprintf(os.Stderr, "rcuvet: %v\n", err)
			os.Exit(1)
		}
		os.Exit(0)
	case vetProtocol(args):
		// go vet -vettool: go vet asks for the flags (-flags), then runs
		// rcuvet once per package with a *.cfg file that describes it. Each
		// such process is short: the collector may wait for 64 MB of heap.
		gcgoal.Raise(64 << 20)
		unitchecker.Main(analyzers()...)
	}
	os.Exit(run(args, env{}, os.Stdout, os.Stderr))
}

// versionQuery reports whether args ask for the version: -V=full (what go
// vet sends) or -V.
func versionQuery(args []string) bool {
	for _, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			return false
		}
		switch strings.TrimLeft(a, "-") {
		case "V", "V=full":
			return true
		}
	}
	return false
}

// vetProtocol reports whether go vet is driving rcuvet: it asks for the
// flags with -flags, and runs a package with the *.cfg file as the last
// argument.
func vetProtocol(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, a := range args {
		if a == "-flags" || a == "--flags" {
			return true
		}
	}
	return false
}
