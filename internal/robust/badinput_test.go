package robust

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// buildRcuvet builds the rcuvet command into dir and returns its path.
func buildRcuvet(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "rcuvet")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/rcuvet")
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runIn runs a command in dir and returns its exit code and combined
// output.
func runIn(t *testing.T, dir string, env []string, name string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return 0, out.String()
}

// Generated here rather than kept in testdata/bad, where gofmt -l would
// refuse the syntax error.
var brokenFiles = map[string]string{
	"typeerr/typeerr.go": `// Package typeerr does not type-check.
package typeerr

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var cfg rcuapi.Pointer[config]

// Late has an RCU bug, but the package is not analysed.
func Late() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).port
}

// Broken has a type error.
func Broken() int { return "fourteen" }

// Undefined calls what does not exist.
func Undefined(s rcuapi.Section) int { return cfg.Dereference(s).nosuchfield + nosuchfunc(s) }
`,
	"syntaxerr/syntaxerr.go": `// Package syntaxerr does not parse.
package syntaxerr

import "github.com/rcuvet/rcuvet/rcuapi"

func Late() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s
	return 0
}
`,
	"usesbroken/usesbroken.go": `// Package usesbroken is correct, but imports a package that does not
// type-check.
package usesbroken

import (
	"example.com/bad/typeerr"

	"github.com/rcuvet/rcuvet/rcuapi"
)

func Late() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return typeerr.Late()
}
`,
}

// TestBadInput runs the built rcuvet, standalone and under go vet, on
// packages that drivers and engines trip over: type errors, syntax errors,
// a broken dependency, cgo, build constraints, generics and
// range-over-func. No run may panic or report an internal error; broken
// packages must be reported as errors (exit 1); the others must be
// analysed, with exactly the diagnostics their // want comments name.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rcuvet and runs go vet")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	tmp := tempDir(t)
	bin := buildRcuvet(t, tmp)
	mod := filepath.Join(tmp, "mod")
	if err := os.CopyFS(mod, os.DirFS(filepath.Join("testdata", "bad"))); err != nil {
		t.Fatal(err)
	}
	files, xwants := crossChain("example.com/bad", 30)
	for name, text := range brokenFiles {
		files[name] = text
	}
	writeModule(t, mod, "example.com/bad", files)

	modes := []struct {
		name     string
		cmd      string
		args     []string
		findings int // exit code with findings
	}{
		{"standalone", bin, nil, 3},
		{"vet", "go", []string{"vet", "-vettool=" + bin}, 1},
	}
	cases := []struct {
		pkg      string
		tags     string // a build tag to set, in GOFLAGS
		tagsFlag bool   // set it with -tags on the command line instead
		cgo      bool
		// For a package that cannot be analysed: what the errors must say.
		errs []string
		// The diagnostics wanted, if not given by // want comments.
		wants []want
	}{
		{pkg: "typeerr", errs: []string{"typeerr.go:18:"}}, // go vet stops at the first error
		{pkg: "syntaxerr", errs: []string{"syntaxerr.go:8:"}},
		{pkg: "usesbroken", errs: []string{"typeerr.go:18:"}},
		{pkg: "cgo", cgo: true},
		{pkg: "tags"},
		{pkg: "tags", tags: "extra"},
		{pkg: "tags", tags: "extra", tagsFlag: true},
		{pkg: "generics"},
		{pkg: "rangefunc"},
		// Helpers calling helpers through 30 packages: under go vet, what
		// each does travels to the next in a fact file.
		{pkg: "xchain/...", wants: xwants},
	}
	for _, m := range modes {
		for _, c := range cases {
			name := m.name + "/" + strings.TrimSuffix(c.pkg, "/...")
			if c.tags != "" {
				name += "+" + c.tags
			}
			if c.tagsFlag {
				name += "-flag"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				env := environ()
				if c.cgo {
					if _, err := exec.LookPath("gcc"); err != nil {
						t.Skip("no gcc for cgo")
					}
					env = append(env, "CGO_ENABLED=1")
				}
				args := m.args
				switch {
				case c.tagsFlag:
					// rcuvet's -tags, or go vet's build flag.
					args = append(slices.Clone(args), "-tags="+c.tags)
				case c.tags != "":
					env = append(env, "GOFLAGS=-mod=mod -tags="+c.tags)
				}
				code, out := runIn(t, mod, env, m.cmd, append(args, "./"+c.pkg)...)
				for _, bad := range []string{"panic", "internal error", "goroutine "} {
					if strings.Contains(out, bad) {
						t.Errorf("output contains %q", bad)
					}
				}
				if c.errs != nil {
					if code != 1 {
						t.Errorf("exit code %d, want 1 (a package that does not load is an error)", code)
					}
					for _, e := range c.errs {
						if n := strings.Count(out, e); n == 0 {
							t.Errorf("output does not report the error at %s", e)
						} else if n > 1 && m.name == "standalone" {
							t.Errorf("output reports the error at %s %d times, want once", e, n)
						}
					}
					// The error itself, and nothing about the analyzers
					// that could not run because of it.
					for _, noise := range []string{"failed prerequisites", "analysis skipped", "flow"} {
						if strings.Contains(out, noise) {
							t.Errorf("output mentions %q", noise)
						}
					}
					if diagRx.MatchString(out) || strings.Contains(out, ": RCU") {
						t.Errorf("a package that does not load was analysed")
					}
				} else {
					want := c.wants
					if want == nil {
						var err error
						want, err = tagWants(filepath.Join(mod, c.pkg), c.pkg, c.tags)
						if err != nil {
							t.Fatal(err)
						}
					}
					wantCode := 0
					if len(want) > 0 {
						wantCode = m.findings
					}
					if code != wantCode {
						t.Errorf("exit code %d, want %d", code, wantCode)
					}
					checkWants(t, outputDiags(mod, out), want)
				}
				if t.Failed() {
					t.Logf("output:\n%s", out)
				}
			})
		}
	}
}

// summaryRx matches the summary line of standalone rcuvet.
var summaryRx = regexp.MustCompile(`^rcuvet: \d+ packages? checked`)

var wantTagRx = regexp.MustCompile(`// want(?:\((!?\w+)\))? (RCU\d{4})\s*$`)

// tagWants reads the // want comments of the .go files of dir, package pkg
// of the module, that apply when build tag tag is set ("" for none).
func tagWants(dir, pkg, tag string) ([]want, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var wants []want
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			m := wantTagRx.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			switch cond := m[1]; {
			case cond == "",
				cond == tag && tag != "",
				strings.HasPrefix(cond, "!") && cond[1:] != tag:
				wants = append(wants, want{pkg + "/" + filepath.Base(f), n, m[2]})
			}
		}
	}
	return wants, nil
}

// outputDiags returns the lines of rcuvet's or go vet's output that are
// diagnostics, with paths relative to the module's root, and any other
// line that is not a package header, a related position or rcuvet's
// summary.
func outputDiags(mod, out string) []string {
	var diags []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" || strings.HasPrefix(l, "# ") || strings.HasPrefix(l, "\t") || summaryRx.MatchString(l) {
			continue
		}
		if m := diagRx.FindStringSubmatch(l); m != nil {
			file := m[1]
			if filepath.IsAbs(file) {
				if rel, err := filepath.Rel(mod, file); err == nil {
					file = rel
				}
			}
			file = filepath.ToSlash(filepath.Clean(file))
			l = file + l[len(m[1]):]
		}
		diags = append(diags, l)
	}
	return diags
}
