// Package testchild runs a test in a child process: its package's test
// binary, built once without the race detector when the running one has
// it.
//
// go test -race (README's test command) makes the analyzers several times
// slower and several times larger. A test that checks what they find (a
// scored corpus, the checklist's examples, the standard library) rather
// than how they synchronise loses nothing by running without the detector;
// the analyzers' own tests (go test -race ./passes/...) keep it. A child
// also bounds a test in time: one that hangs is stopped, with the stacks
// of its goroutines, and fails alone instead of ending the whole run.
package testchild

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// env names, in a child, the test it is to run.
const env = "RCUVET_TEST_CHILD"

// Options tune Run.
type Options struct {
	// Limit is how long the child may run; 0 means two minutes.
	Limit time.Duration
	// Cancel stops a child that overran Limit; by default it is killed.
	// (A Go child asked with SIGQUIT prints every goroutine's stack.)
	Cancel func(*os.Process) error
	// Output selects what of the child's go test -v output the parent
	// logs or reports; by default all of it.
	Output func(string) string
}

// Run runs the calling test in a child process, this package's test
// binary (built without the race detector if this one has it) with
// -test.run selecting the test, and reports whether the caller is the
// parent, which must then return: the child's verdict is the test's. In the
// child it returns false and the test goes on.
func Run(t testing.TB, o Options) (parent bool) {
	t.Helper()
	if os.Getenv(env) == t.Name() {
		return false
	}
	bin := os.Args[0]
	if RaceEnabled {
		var err error
		if bin, err = noRaceBinary(); err != nil {
			t.Fatal(err)
		}
	}
	limit := o.Limit
	if limit == 0 {
		limit = 2 * time.Minute
	}
	output := o.Output
	if output == nil {
		output = func(s string) string { return s }
	}
	var run []string
	for _, part := range strings.Split(t.Name(), "/") {
		run = append(run, "^"+regexp.QuoteMeta(part)+"$")
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-test.run="+strings.Join(run, "/"), "-test.v", "-test.count=1", "-test.timeout=0")
	cmd.Env = append(os.Environ(), env+"="+t.Name())
	if o.Cancel != nil {
		cmd.Cancel = func() error { return o.Cancel(cmd.Process) }
	}
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	switch {
	case ctx.Err() != nil:
		t.Errorf("still running after %v; the test's output:\n%s", limit, output(string(out)))
	case err != nil:
		t.Errorf("%v after %v; the test's output:\n%s", err, time.Since(start).Round(time.Millisecond), output(string(out)))
	default:
		t.Logf("in a child process, %v:\n%s", time.Since(start).Round(time.Millisecond), output(string(out)))
	}
	return true
}

// Main runs the tests of m and removes the child binary, if one was built:
// a TestMain of a package that uses Run calls os.Exit(testchild.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if noRace.dir != "" {
		os.RemoveAll(noRace.dir)
	}
	return code
}

// noRace is the package's test binary built without the race detector.
var noRace struct {
	once sync.Once
	dir  string // a temporary directory that holds it
	bin  string
	err  error
}

// noRaceBinary returns the path of the package's test binary (the package
// in the current directory, as go test runs a test) built without the race
// detector, building it on first use.
func noRaceBinary() (string, error) {
	noRace.once.Do(func() {
		noRace.dir, noRace.err = os.MkdirTemp("", "rcuvet-test-child-")
		if noRace.err != nil {
			return
		}
		noRace.bin = filepath.Join(noRace.dir, "pkg.test")
		cmd := exec.Command("go", "test", "-c", "-o", noRace.bin, ".")
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			noRace.err = fmt.Errorf("go test -c (without -race): %v\n%s", err, out)
		}
	})
	return noRace.bin, noRace.err
}
