package passes_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/passes"
)

// TestCatalogue keeps the analyzers and the checklist in step: every
// analyzer is a catalogued, implemented check, every implemented check has
// an analyzer, and every implemented check has fixtures that expect it.
func TestCatalogue(t *testing.T) {
	if err := analysis.Validate(passes.All()); err != nil {
		t.Fatal(err)
	}
	byName := make(map[string]*analysis.Analyzer)
	for _, a := range passes.All() {
		byName[a.Name] = a
		c, ok := checklist.Lookup(a.Name)
		if !ok {
			t.Errorf("analyzer %s is not in the checklist", a.Name)
			continue
		}
		if !c.Implemented {
			t.Errorf("analyzer %s exists but the checklist says it is not implemented", a.Name)
		}
		if a.URL != c.URL() {
			t.Errorf("analyzer %s: URL %q, want %q", a.Name, a.URL, c.URL())
		}
	}
	for _, c := range checklist.Checks {
		if !c.Implemented {
			continue
		}
		if byName[c.ID] == nil {
			t.Errorf("checklist says %s is implemented, but no analyzer has that name", c.ID)
		}
		dir := filepath.Join("..", "testdata", "src", strings.ToLower(c.ID))
		if n := countWants(t, dir, c.ID); n < 4 {
			t.Errorf("%s: fixtures in %s expect it %d times; want at least 4", c.ID, dir, n)
		}
	}
}

// countWants counts the // want comments that expect id in the Go files
// under dir.
func countWants(t *testing.T, dir, id string) int {
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
			return nil
		}
		for _, line := range strings.Split(string(data), "\n") {
			if i := strings.Index(line, "// want "); i >= 0 && strings.Contains(line[i:], id+":") {
				n++
			}
		}
		return nil
	})
	return n
}
