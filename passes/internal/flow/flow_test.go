package flow_test

import (
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/fixturetest"
	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// TestSummaries checks the Summary facts of helpers (passes'
// TestSummariesAcrossPackages checks that checks see through them).
func TestSummaries(t *testing.T) {
	analysistest.Run(t, fixturetest.Dir, flow.Analyzer, "fixtures/summaries")
}

// TestNoSSAWithoutRCU checks that a package that cannot reach an RCU API
// costs no SSA, while one that does gets it.
func TestNoSSAWithoutRCU(t *testing.T) {
	var built []string
	defer flow.SetTestHooks(func(p string) { built = append(built, p) }, nil)()
	fixturetest.Analyze(t, flow.Analyzer, "fixtures/nouse", "fixtures/summaries")
	if slices.Contains(built, "fixtures/nouse") {
		t.Errorf("SSA was built for fixtures/nouse, which does not use RCU (built: %v)", built)
	}
	if !slices.Contains(built, "fixtures/summaries") {
		t.Errorf("SSA was not built for fixtures/summaries (built: %v)", built)
	}
}

// TestPanicBecomesError checks that a panic inside the engine becomes an
// error that names the function being analysed, not a crash.
func TestPanicBecomesError(t *testing.T) {
	defer flow.SetTestHooks(nil, func(fn *ssa.Function) {
		if fn.Name() == "Port" {
			panic("injected")
		}
	})()
	var err error
	for _, act := range fixturetest.Analyze(t, flow.Analyzer, "fixtures/nouse", "fixtures/summaries") {
		if act.Err != nil {
			err = act.Err
		}
	}
	if err == nil {
		t.Fatal("the injected panic did not surface as an error")
	}
	if msg := err.Error(); !strings.Contains(msg, "summaries.Port") || !strings.Contains(msg, "injected") {
		t.Errorf("error %q does not name the function and the panic", msg)
	}
}

// TestLocksHeld checks the locks the engine knows to be held at every call
// to probe in fixtures/locks against the "// held:" comment on its line.
func TestLocksHeld(t *testing.T) {
	got := make(map[int]string) // line -> held
	var fset *token.FileSet
	probe := analysis.Analyzer{
		Name:     "probeheld",
		Doc:      "records the engine's held locks at calls to probe",
		Requires: []*analysis.Analyzer{flow.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			fset = pass.Fset
			return nil, nil
		},
	}
	restore := flow.SetHeldHook(func(c *ssa.CallCommon, held []string) {
		if fn := c.StaticCallee(); fn != nil && fn.Name() == "probe" {
			got[fn.Prog.Fset.Position(c.Pos()).Line] = strings.Join(held, ", ")
		}
	})
	defer restore()
	fixturetest.Analyze(t, &probe, "fixtures/locks")
	_ = fset
	src, err := os.ReadFile(filepath.Join(fixturetest.Dir, "locks", "locks.go"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, line := range strings.Split(string(src), "\n") {
		_, want, ok := strings.Cut(line, "// held:")
		if !ok || !strings.Contains(line, "probe()") {
			continue
		}
		n++
		want = strings.TrimSpace(want)
		if h, seen := got[i+1]; !seen {
			t.Errorf("line %d: the engine did not visit this probe", i+1)
		} else if h != want {
			t.Errorf("line %d: held %q, want %q", i+1, h, want)
		}
	}
	if n < 10 {
		t.Fatalf("found only %d probes in the fixture", n)
	}
}
