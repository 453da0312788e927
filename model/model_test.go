package model

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A check is one exhaustive run of pan on a model, compiled with defines.
type check struct {
	name    string
	file    string   // the model; gp.pml if empty
	defines []string // spin -D flags: the variant and its bounds
	live    bool     // look for non-progress cycles under weak fairness instead of safety errors
	slow    bool     // skipped with -short
	// big marks a search of millions of states: pan is compiled with -O2
	// (a third faster), and the check starts first. A smaller search
	// (or a broken variant, which fails within a few thousand states)
	// saves more on the compile, with -O0, than it loses in the search.
	big bool
	// want is empty for a run that must find nothing; otherwise it matches
	// pan's report of the error the run must find, and replay matches what
	// spin prints when it replays the error trail.
	want   *regexp.Regexp
	replay *regexp.Regexp
}

var (
	ghostViolated = regexp.MustCompile(`assertion violated\s+!\(pre\[j\]\)`)
	ghostReplay   = regexp.MustCompile(`text of failed assertion: assert\(!\(pre\[j\]\)\)`)
	dataViolated  = regexp.MustCompile(`assertion violated\s+!\(freed\[p[01]?\]\)`)
	dataReplay    = regexp.MustCompile(`text of failed assertion: assert\(!\(freed\[p[01]?\]\)\)`)
	deadlock      = regexp.MustCompile(`invalid end state`)
	trailEnds     = regexp.MustCompile(`trail ends after \d+ steps`)
	nonProgress   = regexp.MustCompile(`non-progress cycle`)
	cycleReplay   = regexp.MustCompile(`START OF CYCLE`)
	waitViolated  = regexp.MustCompile(`assertion violated\s+\(ended>s\)`)
	waitReplay    = regexp.MustCompile(`text of failed assertion: assert\(\(ended>s\)\)`)
	claim1        = regexp.MustCompile(`assertion violated\s+\(l>=u\)`)
	claim1Replay  = regexp.MustCompile(`text of failed assertion: assert\(\(l>=u\)\)`)
)

var checks = []check{
	// The algorithm as rcuapi/domain.go implements it: safe, no deadlock.
	// Two readers with nested sections, or three without.
	{name: "model", big: true},
	{name: "model-3-readers", defines: []string{"NREADERS=3", "NEST=0"}, slow: true, big: true},
	// Broken variants, each with the property it must violate.
	{name: "single-flip", defines: []string{"SINGLE_FLIP"}, want: ghostViolated, replay: ghostReplay},
	{name: "single-flip-data", defines: []string{"SINGLE_FLIP", "DATA_ONLY"}, want: dataViolated, replay: dataReplay},
	{name: "no-final-drain", defines: []string{"NO_FINAL_DRAIN"}, want: ghostViolated, replay: ghostReplay},
	{name: "no-final-drain-data", defines: []string{"NO_FINAL_DRAIN", "DATA_ONLY"}, want: dataViolated, replay: dataReplay},
	{name: "lost-wakeup", defines: []string{"LOST_WAKEUP"}, want: deadlock, replay: trailEnds},
	// Without the flip the grace period is still safe (it waits on both
	// phases) but readers can hold it up for ever.
	{name: "no-flip", defines: []string{"NO_FLIP"}},
	{name: "live", defines: []string{"LIVE"}, live: true, slow: true, big: true},
	{name: "no-flip-live", defines: []string{"LIVE", "NO_FLIP"}, live: true, want: nonProgress, replay: cycleReplay},

	// How grace periods are numbered, shared and driven: runGP calls never
	// overlap, and every Synchronize waits for one that started after it.
	{name: "gpmachine", file: "gpmachine.pml"},
	{name: "gpmachine-short-snapshot", file: "gpmachine.pml", defines: []string{"SHORT_SNAPSHOT"}, want: waitViolated, replay: waitReplay},
	{name: "gpmachine-no-close", file: "gpmachine.pml", defines: []string{"NO_CLOSE"}, want: deadlock, replay: trailEnds},

	// The QSBR flavour's grace period against its reader handles.
	{name: "qsbr", file: "qsbr.pml"},
	{name: "qsbr-no-wait", file: "qsbr.pml", defines: []string{"NO_WAIT"}, want: dataViolated, replay: dataReplay},
	{name: "qsbr-off-by-one", file: "qsbr.pml", defines: []string{"OFF_BY_ONE"}, want: dataViolated, replay: dataReplay},
	{name: "qsbr-wake-before-store", file: "qsbr.pml", defines: []string{"WAKE_BEFORE_STORE"}, want: deadlock, replay: trailEnds},

	// The memb read path: plain per-P counters whose stores the processor
	// delays (in any order, or in order with FIFO, as on amd64), and the
	// grace period's membarriers.
	// (No correct run with FIFO, amd64's in-order store buffers: their
	// executions are among those of the any-order run above, so it passes
	// whenever that one does; FIFO matters for the broken variant below,
	// which shows the missing membarrier fails even on amd64.)
	{name: "memb", file: "memb.pml", big: true},
	{name: "memb-no-check-mb", file: "memb.pml", defines: []string{"NO_CHECK_MB"}, want: claim1, replay: claim1Replay},
	{name: "memb-no-check-mb-fifo", file: "memb.pml", defines: []string{"NO_CHECK_MB", "FIFO"}, want: dataViolated, replay: dataReplay},
	{name: "memb-locks-first", file: "memb.pml", defines: []string{"LOCKS_FIRST"}, want: claim1, replay: claim1Replay},
	{name: "memb-no-wait-mb", file: "memb.pml", defines: []string{"NO_WAIT_MB"}, want: deadlock, replay: trailEnds},
	{name: "memb-early", file: "memb.pml", defines: []string{"EARLY"}, want: dataViolated, replay: dataReplay},
}

// tools returns the paths of spin and gcc, or skips the test (fails it
// when CI is set: CI must run the model).
func tools(t *testing.T) (spin, gcc string) {
	t.Helper()
	var missing []string
	spin, err := exec.LookPath("spin")
	if err != nil {
		missing = append(missing, "spin")
	}
	gcc, err = exec.LookPath("gcc")
	if err != nil {
		missing = append(missing, "gcc")
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("install %s (Debian: apt-get install spin gcc)", strings.Join(missing, " and "))
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set, and the model cannot be checked: " + msg)
		}
		t.Skip("skipped: " + msg)
	}
	return spin, gcc
}

func TestModel(t *testing.T) {
	spin, gcc := tools(t)
	if out, err := exec.Command(spin, "-V").CombinedOutput(); err == nil {
		t.Logf("%s", strings.TrimSpace(string(out)))
	}
	// The big searches first: the others fill in around them.
	ordered := slices.Clone(checks)
	slices.SortStableFunc(ordered, func(a, b check) int {
		if a.big == b.big {
			return 0
		}
		if a.big {
			return -1
		}
		return 1
	})
	for _, c := range ordered {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // each check is a spin and a gcc process of its own
			if c.slow && testing.Short() {
				t.Skip("slow; skipped with -short")
			}
			runCheck(t, spin, gcc, c)
		})
	}
}

// Bounds on one check: pan's memory (MB) and the time for each command.
const (
	panMemMB   = 1024
	cmdTimeout = 3 * time.Minute
)

func runCheck(t *testing.T, spin, gcc string, c check) {
	file := c.file
	if file == "" {
		file = "gp.pml"
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, file), src, 0o644); err != nil {
		t.Fatal(err)
	}
	var defs []string
	for _, d := range c.defines {
		defs = append(defs, "-D"+d)
	}
	run := func(name string, args ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), cmdTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if ctx.Err() != nil {
			t.Fatalf("%s %s: timed out after %v\n%s", name, strings.Join(args, " "), cmdTimeout, out)
		}
		// pan's exit status is not its verdict (the output is); spin and
		// gcc must succeed.
		if err != nil && name != "./pan" {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	run(spin, append(append([]string{}, defs...), "-a", file)...)
	mode, panArgs := "-DSAFETY", []string{"-m100000"}
	if c.live {
		mode, panArgs = "-DNP", []string{"-m1000000", "-l", "-f"}
	}
	opt := "-O0"
	if c.big {
		opt = "-O2"
	}
	// -DCOLLAPSE stores states compressed, losslessly: a third less memory.
	run(gcc, opt, "-w", mode, "-DCOLLAPSE", fmt.Sprintf("-DMEMLIM=%d", panMemMB), "-o", "pan", "pan.c")
	start := time.Now()
	out := run("./pan", append(panArgs, "-n")...)
	wall := time.Since(start)

	for _, bad := range []string{"max search depth too small", "reached -DMEMLIM bound", "out of memory", "VECTORSZ"} {
		if strings.Contains(out, bad) && c.want == nil {
			t.Fatalf("pan's search was incomplete (%s):\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "State-vector") {
		t.Fatalf("pan printed no State-vector line:\n%s", out)
	}
	stored, ok := statesStored(out)
	if !ok || stored <= 0 {
		t.Fatalf("pan stored no states:\n%s", out)
	}
	errs, ok := errorCount(out)
	if !ok {
		t.Fatalf("pan printed no error count:\n%s", out)
	}
	t.Logf("%s %v: %.0f states stored, errors: %d, pan ran %v", file, c.defines, stored, errs, wall.Round(time.Millisecond))

	if c.want == nil {
		if errs != 0 {
			t.Fatalf("pan found %d errors in a model that must have none:\n%s", errs, out)
		}
		return
	}
	if errs == 0 {
		t.Fatalf("pan found no error in a broken variant (want %q):\n%s", c.want, out)
	}
	if !c.want.MatchString(out) {
		t.Fatalf("pan found an error, but not %q:\n%s", c.want, out)
	}
	// Replay the trail: it must lead to the same error.
	trail := run(spin, append(append([]string{}, defs...), "-t", file)...)
	if !c.replay.MatchString(trail) {
		t.Fatalf("replaying the trail did not show %q:\n%s", c.replay, tail(trail, 40))
	}
	t.Logf("error: %s", firstMatch(out, c.want))
}

var (
	storedRE = regexp.MustCompile(`([0-9.e+]+) states, stored`)
	errorsRE = regexp.MustCompile(`errors: (\d+)`)
)

func statesStored(out string) (float64, bool) {
	m := storedRE.FindStringSubmatch(out)
	if m == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(m[1], 64)
	return f, err == nil
}

func errorCount(out string) (int, bool) {
	m := errorsRE.FindStringSubmatch(out)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

func firstMatch(out string, re *regexp.Regexp) string {
	for _, line := range strings.Split(out, "\n") {
		if re.MatchString(line) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
