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

	"github.com/rcuvet/rcuvet/passes/internal/flow"
	"github.com/rcuvet/rcuvet/passes/readside"
)

var fixtures = filepath.Join("..", "..", "..", "testdata", "src")

// TestSummaries checks the Summary facts of helpers, and that checks in
// another package see through them.
func TestSummaries(t *testing.T) {
	analysistest.Run(t, fixtures, flow.Analyzer, "fixtures/summaries")
	analysistest.Run(t, fixtures, readside.RCU1001, "fixtures/summaries/use1001")
	analysistest.Run(t, fixtures, readside.RCU1002, "fixtures/summaries/use1002")
	analysistest.Run(t, fixtures, readside.RCU1003, "fixtures/summaries/use1003")
}

// TestNoSSAWithoutRCU checks that a package that cannot reach an RCU API
// costs no SSA, while one that does gets it.
func TestNoSSAWithoutRCU(t *testing.T) {
	var built []string
	defer flow.SetTestHooks(func(p string) { built = append(built, p) }, nil)()
	analysistest.Run(t, fixtures, flow.Analyzer, "fixtures/nouse", "fixtures/summaries")
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
	var errs []error
	rec := &recorder{T: t, errs: &errs}
	analysistest.Run(rec, fixtures, flow.Analyzer, "fixtures/nouse", "fixtures/summaries")
	if len(errs) == 0 {
		t.Fatal("the injected panic did not surface as an error")
	}
	msg := errs[0].Error()
	if !strings.Contains(msg, "summaries.Port") || !strings.Contains(msg, "injected") {
		t.Errorf("error %q does not name the function and the panic", msg)
	}
}

// recorder is an analysistest.Testing that records errors instead of
// failing the test.
type recorder struct {
	*testing.T
	errs *[]error
}

func (r *recorder) Errorf(format string, args ...any) {
	for _, a := range args {
		if err, ok := a.(error); ok {
			*r.errs = append(*r.errs, err)
			return
		}
	}
	*r.errs = append(*r.errs, errorString(format))
}

type errorString string

func (e errorString) Error() string { return string(e) }

// TestIgnoreDirectives checks //rcuvet:ignore: it silences the named
// check on its line and the next, needs a reason, and is reported when it
// silences nothing or names no check.
func TestIgnoreDirectives(t *testing.T) {
	analysistest.Run(t, fixtures, readside.RCU1001, "fixtures/ignore")
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
	analysistest.Run(t, fixtures, &probe, "fixtures/locks")
	_ = fset
	src, err := os.ReadFile(filepath.Join(fixtures, "locks", "locks.go"))
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
