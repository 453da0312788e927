package checklist_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/internal/testchild"
	"github.com/rcuvet/rcuvet/passes"
)

func TestMain(m *testing.M) { os.Exit(testchild.Main(m)) }

// TestExamplesAreWhatTheChecksSay runs every check on the Before and After
// examples of every built check, as users read them in docs/checks.md and
// -explain: a check must report its own Before example and must not report
// its After example. Documentation that drifts from the code fails here.
func TestExamplesAreWhatTheChecksSay(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the documentation's examples")
	}
	// What the checks say does not depend on the race detector, which
	// would make them several times slower (see internal/testchild).
	if testchild.RaceEnabled && testchild.Run(t, testchild.Options{}) {
		return
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": fmt.Sprintf("module example.com/docs\n\ngo 1.26.0\n\nrequire github.com/rcuvet/rcuvet/rcuapi v0.0.0\n\nreplace github.com/rcuvet/rcuvet/rcuapi => %s\n",
			strconv.Quote(filepath.Join(root, "rcuapi"))),
	}
	// One package per example: a check's rule may be per package (RCU6001
	// asks every Exit of a package to wait for every domain it queues on).
	var built []checklist.Check
	for _, c := range checklist.Checks {
		if !c.Implemented {
			continue
		}
		built = append(built, c)
		files[strings.ToLower(c.ID)+"/before/ex.go"] = c.Doc.Before
		files[strings.ToLower(c.ID)+"/after/ex.go"] = c.Doc.After
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax | packages.NeedModule,
		Dir:  dir,
		Env:  append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%d errors loading the examples", n)
	}
	graph, err := checker.Analyze(passes.All(), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := make(map[string][]string) // package path -> "ID: message"
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			found[act.Package.PkgPath] = append(found[act.Package.PkgPath], d.Message)
		}
	}
	n := 0
	for _, ms := range found {
		n += len(ms)
	}
	t.Logf("%d built checks, %d diagnostics on their examples", len(built), n)
	has := func(pkg, id string) bool {
		for _, m := range found[pkg] {
			if strings.HasPrefix(m, id+":") {
				return true
			}
		}
		return false
	}
	for _, c := range built {
		before := "example.com/docs/" + strings.ToLower(c.ID) + "/before"
		after := "example.com/docs/" + strings.ToLower(c.ID) + "/after"
		if !has(before, c.ID) {
			t.Errorf("%s does not report its Before example; it reports: %q", c.ID, found[before])
		}
		if has(after, c.ID) {
			t.Errorf("%s reports its After example: %q", c.ID, found[after])
		}
	}
}
