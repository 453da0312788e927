package rcuapi_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The read-side fast paths must stay small enough for the compiler to
// inline them into their callers: the benchmark figures in BENCHMARKS.md
// depend on it, and a few more nodes in readLock or readUnlock would push
// classic ReadLock or ReadUnlock over the inliner's budget (80) without
// any test failing.
func TestReadPathInlines(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package with -gcflags=-m")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(gobin, "build", "-gcflags=-m", "-o", os.DevNull, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, fn := range []string{
		"ReadLock", "ReadUnlock", // classic
		"(*SRCU).ReadLock", "(*SRCU).ReadUnlock",
		"(*QSBRReader).ReadLock", "(*QSBRReader).ReadUnlock", "(*QSBRReader).Quiescent",
		"Section.mustBeLive", // Dereference's check
	} {
		if !strings.Contains(string(out), ": can inline "+fn+" ") && !strings.Contains(string(out), ": can inline "+fn+"\n") {
			t.Errorf("%s is not inlinable any more; go build -gcflags=-m=2 says why", fn)
		}
	}
}
