package recipes

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func root(t *testing.T) string {
	t.Helper()
	r, err := Root(".")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The recipes that README and docs/ways-in.md must hold, each run by a test.
var names = []string{
	"install", "use-rcuapi", "run", "vet", "ci", "pre-commit", "runtime-example", "test",
	"golangci-build", "golangci-main", "golangci-config", "nogo",
}

func TestRecipes(t *testing.T) {
	all, err := All(root(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for name, text := range all {
		got = append(got, name)
		if strings.TrimSpace(text) == "" {
			t.Errorf("recipe %s is empty", name)
		}
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(names))
	if !slices.Equal(got, want) {
		t.Errorf("the docs have recipes %v, want %v", got, want)
	}
}

// TestEveryRecipeIsRun checks that a test outside this package asks for
// each recipe by name.
func TestEveryRecipeIsRun(t *testing.T) {
	r := root(t)
	used := make(map[string][]string)
	// README's test command is what CI runs (TestCIRunsTheTestCommand).
	used["test"] = []string{".ci/run"}
	err := filepath.WalkDir(r, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "testdata" || path == filepath.Join(r, "internal", "recipes") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.Contains(string(data), `"github.com/rcuvet/rcuvet/internal/recipes"`) {
			return nil
		}
		rel, _ := filepath.Rel(r, path)
		for _, n := range names {
			// recipe(t, root, "NAME") or recipes.Get(root, "NAME")
			if regexp.MustCompile(`\b(recipe|recipes\.Get)\([^()]*"` + regexp.QuoteMeta(n) + `"\)`).Match(data) {
				used[n] = append(used[n], rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if len(used[n]) == 0 {
			t.Errorf("recipe %s is run by no test", n)
		} else {
			t.Logf("recipe %s: %s", n, strings.Join(used[n], ", "))
		}
	}
}

// TestCIRunsTheTestCommand checks that .ci/run runs README's test command,
// exactly.
func TestCIRunsTheTestCommand(t *testing.T) {
	r := root(t)
	recipe, err := Get(r, "test")
	if err != nil {
		t.Fatal(err)
	}
	cmds := Commands(recipe)
	if len(cmds) != 1 {
		t.Fatalf("README's test recipe has %d commands, want 1:\n%s", len(cmds), recipe)
	}
	ci, err := os.ReadFile(filepath.Join(r, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	var testLines []string
	for _, l := range strings.Split(string(ci), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "go test") {
			testLines = append(testLines, strings.TrimSpace(l))
		}
	}
	if len(testLines) != 1 || testLines[0] != cmds[0] {
		t.Errorf(".ci/run runs %q, want exactly README's test command %q", testLines, cmds[0])
	}
}

// TestNoClaimOfARelease checks that the docs claim no version and no web
// address of rcuvet that does not exist: no release is tagged, and the
// repository has no published home. The forms that will work after a
// release must say so.
func TestNoClaimOfARelease(t *testing.T) {
	r := root(t)
	docs := []string{"README.md", "BENCHMARKS.md", ".pre-commit-hooks.yaml", "model/README.md", "bench/analyzer/README.md"}
	more, err := filepath.Glob(filepath.Join(r, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range more {
		rel, _ := filepath.Rel(r, m)
		docs = append(docs, filepath.ToSlash(rel))
	}
	// A version of rcuvet: after its module path or name, or as a "since"
	// or a pre-commit rev. v0.0.0 is the placeholder that goes with a
	// replace directive.
	version := regexp.MustCompile(`(rcuvet[\w/.-]*[@ ]|[Ss]ince |rev: )v(\d+\.\d+\.\d+)`)
	home := regexp.MustCompile(`https?://(www\.)?github\.com/rcuvet|pkg\.go\.dev/github\.com/rcuvet`)
	latest := regexp.MustCompile(`rcuvet/rcuvet[\w/]*@(latest|v[1-9]|v0\.[1-9]|v0\.0\.[1-9])`)
	for _, doc := range docs {
		f, err := os.Open(filepath.Join(r, filepath.FromSlash(doc)))
		if err != nil {
			t.Fatal(err)
		}
		var para []string
		start := 0
		check := func() {
			text := strings.Join(para, "\n")
			if latest.MatchString(text) && !strings.Contains(strings.ToLower(text), "after a release") && doc != "docs/release.md" {
				t.Errorf("%s:%d: a released version of rcuvet is used, not labelled \"after a release\":\n%s", doc, start, text)
			}
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			l := sc.Text()
			for _, m := range version.FindAllStringSubmatch(l, -1) {
				if m[2] != "0.0.0" {
					t.Errorf("%s:%d: names a version of rcuvet, which has none yet: %s", doc, n, l)
				}
			}
			if home.MatchString(l) {
				t.Errorf("%s:%d: names a web address of rcuvet, which has none yet: %s", doc, n, l)
			}
			if strings.TrimSpace(l) == "" {
				check()
				para, start = nil, n+1
				continue
			}
			para = append(para, l)
		}
		check()
		f.Close()
	}
}
