package gcgoal

import (
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

// The tests change the collector's settings, so each runs in a child
// process: this test binary, run again with GCGOAL_TEST_CHILD naming the case.
const childEnv = "GCGOAL_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "raise":
		Raise(64 << 20)
	case "none":
	}
	// Allocate 24 MB of garbage in 1 KB pieces, then grow a live heap of
	// 48 MB; report the collections during each phase, and the GOGC in
	// force at the end.
	before := cycles()
	for range 24 << 10 {
		sink = make([]byte, 1<<10)
	}
	garbage := cycles() - before
	var live [][]byte
	for range 48 << 10 {
		live = append(live, make([]byte, 1<<10))
	}
	runtime.GC() // runs the cleanup that follows the live heap
	runtime.GC()
	runtime.KeepAlive(live)
	pct := debug.SetGCPercent(100)
	os.Stdout.WriteString(strconv.FormatUint(garbage, 10) + " " + strconv.Itoa(pct) + "\n")
	os.Exit(0)
}

var sink []byte

func cycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// child runs the case and returns the collections during the garbage
// phase and the GOGC percentage at the end.
func child(t *testing.T, name string, env ...string) (garbage uint64, pct int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), childEnv+"="+name), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child %s: %v\n%s", name, err, out)
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		t.Fatalf("child %s printed %q", name, out)
	}
	garbage, _ = strconv.ParseUint(f[0], 10, 64)
	pct, _ = strconv.Atoi(f[1])
	return garbage, pct
}

func TestRaise(t *testing.T) {
	t.Parallel()
	if g, _ := child(t, "none", "GOGC=", "GOMEMLIMIT="); g == 0 {
		t.Fatalf("without Raise, 24 MB of garbage caused no collection: the test measures nothing")
	}
	g, pct := child(t, "raise", "GOGC=", "GOMEMLIMIT=")
	if g != 0 {
		t.Errorf("with Raise(64 MB), 24 MB of garbage caused %d collections, want 0", g)
	}
	if pct != 100 {
		t.Errorf("with a live heap of 48 MB, over half the goal, GOGC is %d, want 100", pct)
	}
}

func TestRaiseLeavesGOGC(t *testing.T) {
	t.Parallel()
	// GOGC=100 set explicitly: Raise must leave the collector alone.
	if g, _ := child(t, "raise", "GOGC=100", "GOMEMLIMIT="); g == 0 {
		t.Errorf("with GOGC set, Raise still stopped the collector during 24 MB of garbage")
	}
}
