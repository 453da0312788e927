package rcuapi_test

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// The read-side entry points must stay small enough for the compiler to
// inline them into their callers: the benchmark figures in BENCHMARKS.md
// depend on it, and a few more nodes in a fast path would push it over the
// inliner's budget (80) without any test failing.
//
// What inlines differs between the two read paths (memb.go):
//
//   - atomic path (-race, -tags rcuapi_nomemb, platforms other than
//     linux/amd64): ReadLock and ReadUnlock of classic RCU and SRCU inline
//     whole, with domain.enter and domain.readUnlock in them.
//   - memb path (the default build on linux/amd64): ReadLock and
//     ReadUnlock inline to one call of classicLockMemb or classicUnlockMemb
//     (SRCU: SRCU.lockMemb, SRCU.unlockMemb), which cannot inline: each
//     calls runtime.procPin and runtime.procUnpin, and the inliner charges
//     57 per call it cannot inline. Those are the three calls of each half
//     of the memb fast path. domain.enter, the atomic path that they fall
//     back to, must still inline into the two lock functions.
//
// The test checks both builds.
func TestReadPathInlines(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package with -gcflags=-m")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	always := []string{
		"ReadLock", "ReadUnlock", // classic
		"(*SRCU).ReadLock", "(*SRCU).ReadUnlock",
		"(*QSBRReader).ReadLock", "(*QSBRReader).ReadUnlock", "(*QSBRReader).Quiescent",
		"Section.mustBeLive", // Dereference's check
		"(*domain).enter", "(*domain).readUnlock",
	}
	for _, build := range []struct {
		tags string
		want []string
	}{
		{"", always},
		{"rcuapi_nomemb", always},
	} {
		args := []string{"build", "-gcflags=-m", "-o", os.DevNull}
		if build.tags != "" {
			args = append(args, "-tags", build.tags)
		}
		cmd := exec.Command(gobin, append(args, ".")...)
		cmd.Env = append(os.Environ(), "GOFLAGS=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		text := string(out)
		for _, fn := range build.want {
			if !strings.Contains(text, ": can inline "+fn+" ") && !strings.Contains(text, ": can inline "+fn+"\n") {
				t.Errorf("tags %q: %s is not inlinable any more; go build -gcflags=-m=2 says why", build.tags, fn)
			}
		}
		// Which path the build has: classicLockMemb inlines only where
		// the memb code is compiled out (membOn a false constant). In the
		// memb build, both lock functions must have enter, their atomic
		// fallback, inlined.
		memb := !strings.Contains(text, ": can inline classicLockMemb")
		if build.tags == "rcuapi_nomemb" && memb {
			t.Errorf("tags %q: classicLockMemb keeps its memb code", build.tags)
		}
		if build.tags == "" && runtime.GOOS == "linux" && runtime.GOARCH == "amd64" && !memb {
			t.Errorf("default build on linux/amd64 has no memb path")
		}
		if n := membEnterInlined(text); memb && n != 2 {
			t.Errorf("tags %q: domain.enter is inlined %d times in memb.go, want 2 (classicLockMemb, SRCU.lockMemb: the atomic fallback)", build.tags, n)
		}
		t.Logf("tags %q: memb fast path %v", build.tags, memb)
	}
}

// membEnterInlined counts the places in memb.go where -m output says enter
// is inlined.
func membEnterInlined(out string) int {
	n := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "./memb.go:") && strings.Contains(line, "inlining call to (*domain).enter") {
			n++
		}
	}
	return n
}
