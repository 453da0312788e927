package rcuapi_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The memb read path (memb.go) counts with plain increments, which the race
// detector would report and whose ordering it cannot model, so a build with
// -race uses the atomic path. These tests run the memb path: directly in a
// build without -race, and under -race in a child process, this package's
// test binary built without it.

// membTests are the tests the child runs: the memb torture below, the
// misuse report of a double ReadUnlock, and the whole torture matrix (its
// classic RCU and SRCU subtests take the memb path there).
const membTests = "^(TestMembTorture|TestMembWakeups|TestReadUnlockTwice|TestReadUnlockMisuse|TestTorture)$"

// TestMembTorture runs the torture test against classic RCU and SRCU on the
// memb path: once at the GOMAXPROCS the test started with, and once with
// GOMAXPROCS raised to 64 (and varied from 1 to 64 by the torture), past the
// 32 per-P lines of an SRCU and of classic RCU on a small machine, so that
// sections begin and end on Ps without lines of their own (the atomic
// fallback and the spill count) and move between Ps of both kinds.
func TestMembTorture(t *testing.T) {
	if raceEnabled {
		membInChild(t)
		return
	}
	if !rcuapi.MembOn() {
		t.Skip("the memb path is not in use in this build or on this kernel (linux/amd64, no -race, membarrier registration)")
	}
	t.Logf("memb path on: %s/%s, GOMAXPROCS %d, %d CPUs", runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), runtime.NumCPU())
	for _, procs := range []int{0, 64} {
		for _, kind := range []string{"classic", "srcu"} {
			name := kind
			if procs != 0 {
				name += "-wide"
			}
			t.Run(name, func(t *testing.T) {
				if procs != 0 {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				}
				spills := rcuapi.MembSpills()
				for _, m := range tortModes {
					t.Run(m.name, func(t *testing.T) {
						tortSetMode(t, m.mode)
						runTorture(t, tortFlavourFor(t, kind), "memb/"+name+"/"+m.name)
					})
				}
				if n := rcuapi.MembSpills() - spills; procs != 0 {
					t.Logf("%d memb sections ended on a P without a line of its own", n)
					if n == 0 {
						t.Errorf("no memb section ended on a P past the %s's lines with GOMAXPROCS up to %d: the fallback went untested", kind, procs)
					}
				}
			})
		}
	}
}

// membInChild builds this package's test binary without the race detector
// and runs membTests in it, passing its output on.
func membInChild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the package's tests without -race")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "rcuapi.test")
	build := exec.Command(gobin, "test", "-c", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c (without -race): %v\n%s", err, out)
	}
	args := []string{"-test.run=" + membTests, "-test.v", "-test.count=1"}
	if d := *tortureDuration; d > 0 {
		args = append(args, "-torture.duration="+d.String())
	}
	out, err := exec.Command(bin, args...).CombinedOutput()
	t.Logf("in a child process built without the race detector:\n%s", out)
	if err != nil {
		t.Fatalf("%v", err)
	}
	if !strings.Contains(string(out), "memb path on:") {
		t.Log("the child did not use the memb path (see its skip message)")
	}
}

// TestMembWakeups: a grace period held up by one long section must not be
// woken by the sections of the other phase, which cannot end it. If it
// were, each wake-up would cost a check with two membarriers, and busy
// readers would keep the grace period's goroutine making membarrier calls
// (each of which interrupts every CPU running the process) as fast as they
// end sections. Only readers of the phase waited for wake it (memb.go,
// "Wake-up").
func TestMembWakeups(t *testing.T) {
	if raceEnabled {
		t.Skip("runs in the child without -race (TestMembTorture)")
	}
	if !rcuapi.MembOn() {
		t.Skip("the memb path is not in use in this build or on this kernel")
	}
	d := rcuapi.NewSRCU("wakeups")
	held := d.ReadLock()
	synced := make(chan struct{})
	go func() { d.Synchronize(); close(synced) }()
	// Let the grace period flip and park on the held section's phase.
	time.Sleep(20 * time.Millisecond)
	before := rcuapi.MembChecks()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var sections atomic.Int64
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				for range 1000 {
					d.ReadUnlock(d.ReadLock())
				}
				sections.Add(1000)
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	checks := rcuapi.MembChecks() - before
	t.Logf("%d sections of the other phase ended while a grace period waited; it made %d checks", sections.Load(), checks)
	if checks > 2 {
		t.Errorf("%d checks in 100ms while the one section holding the grace period stayed open (want none: nothing can end it): readers of the other phase wake it", checks)
	}
	select {
	case <-synced:
		t.Fatal("Synchronize returned while a section was open")
	default:
	}
	d.ReadUnlock(held)
	<-synced
}
