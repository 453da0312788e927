package checklist

import (
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/analysis/lint"
)

const rcuapiPath = "github.com/rcuvet/rcuvet/rcuapi"

func TestItems(t *testing.T) {
	if len(Items) != 19 {
		t.Errorf("len(Items) = %d, want 19", len(Items))
	}
	seen := map[int]bool{}
	for i, it := range Items {
		if it.Number != i {
			t.Errorf("Items[%d].Number = %d: items must be listed 0 to 18 in order", i, it.Number)
		}
		if seen[it.Number] {
			t.Errorf("item %d listed twice", it.Number)
		}
		seen[it.Number] = true
		if it.Title == "" || it.Rule == "" || it.Rationale == "" {
			t.Errorf("item %d: Title, Rule and Rationale must all be set", it.Number)
		}
		if strings.Contains(it.Title, "\n") {
			t.Errorf("item %d: Title has more than one line", it.Number)
		}
		if len(it.Checks) == 0 && it.Runtime == "" && it.ByConstruction == "" {
			t.Errorf("item %d: no check, no run-time aid and no by-construction argument", it.Number)
		}
		if !slices.IsSorted(it.Checks) {
			t.Errorf("item %d: Checks %v not in id order", it.Number, it.Checks)
		}
		got, ok := ItemByNumber(it.Number)
		if !ok || got != &Items[i] {
			t.Errorf("ItemByNumber(%d) = %p, %v; want &Items[%d]", it.Number, got, ok, i)
		}
	}
	for n := range 19 {
		if !seen[n] {
			t.Errorf("item %d is missing", n)
		}
	}
	if _, ok := ItemByNumber(19); ok {
		t.Error("ItemByNumber(19) found an item")
	}
}

var idPattern = regexp.MustCompile(`^RCU[1-7]\d{3}$`)

func TestChecks(t *testing.T) {
	if len(Checks) != 28 {
		t.Errorf("len(Checks) = %d, want 28", len(Checks))
	}
	for i, c := range Checks {
		if !idPattern.MatchString(c.ID) {
			t.Errorf("check id %q does not match %v", c.ID, idPattern)
		}
		if i > 0 && Checks[i-1].ID >= c.ID {
			t.Errorf("check %s follows %s: ids must be unique and in order", c.ID, Checks[i-1].ID)
		}
		got, ok := Lookup(c.ID)
		if !ok || got != &Checks[i] {
			t.Errorf("Lookup(%q) = %p, %v; want &Checks[%d]", c.ID, got, ok, i)
		}
		if len(c.Items) == 0 {
			t.Errorf("%s enforces no checklist item", c.ID)
		}
		if !slices.IsSorted(c.Items) {
			t.Errorf("%s: Items %v not in order", c.ID, c.Items)
		}
		d := c.Doc
		if d == nil {
			t.Errorf("%s has no documentation", c.ID)
			continue
		}
		if d.Title == "" || strings.Contains(d.Title, "\n") {
			t.Errorf("%s: Title %q must be one non-empty line", c.ID, d.Title)
		}
		if d.Text == "" || d.TextMarkdown == "" {
			t.Errorf("%s: no Text", c.ID)
		}
		if !strings.HasPrefix(d.Text, c.ID+" reports ") {
			t.Errorf("%s: Text should open with what the check reports (%q)", c.ID, c.ID+" reports ...")
		}
		if strings.Contains(d.Text, `\'`) || strings.Contains(d.TitleMarkdown, `\'`) {
			t.Errorf("%s: markup left in plain text", c.ID)
		}
		// No release of rcuvet is tagged yet: no check may claim one.
		if d.Since != Unreleased || c.Released() {
			t.Errorf("%s: Since = %q, want %q until a release is tagged", c.ID, d.Since, Unreleased)
		}
		want := lint.SeverityError
		if strings.HasPrefix(c.ID, "RCU4") {
			want = lint.SeverityWarning
		}
		if d.Severity != want {
			t.Errorf("%s: Severity = %v, want %v", c.ID, d.Severity, want)
		}
	}
	if _, ok := Lookup("RCU9999"); ok {
		t.Error(`Lookup("RCU9999") found a check`)
	}
}

// TestItemsAndChecksAgree checks the links between items and checks in both
// directions: an item lists exactly the checks that list it.
func TestItemsAndChecksAgree(t *testing.T) {
	fromChecks := map[int][]string{}
	for _, c := range Checks {
		for _, n := range c.Items {
			if _, ok := ItemByNumber(n); !ok {
				t.Errorf("%s names checklist item %d, which does not exist", c.ID, n)
			}
			fromChecks[n] = append(fromChecks[n], c.ID)
		}
	}
	for _, it := range Items {
		for _, id := range it.Checks {
			if _, ok := Lookup(id); !ok {
				t.Errorf("item %d names check %s, which does not exist", it.Number, id)
			}
		}
		if want := fromChecks[it.Number]; !slices.Equal(it.Checks, want) {
			t.Errorf("item %d lists checks %v; the checks that name it are %v", it.Number, it.Checks, want)
		}
	}
}

type example struct {
	name string // e.g. RCU1002.Before
	src  string
	file *ast.File
}

// TestExamples type-checks every Before and After example against the real
// rcuapi, and checks that each is gofmt-formatted and that the two differ.
func TestExamples(t *testing.T) {
	fset := token.NewFileSet()
	var examples []example
	imports := map[string]bool{}
	for _, c := range Checks {
		if c.Doc.Before == "" || c.Doc.After == "" {
			t.Errorf("%s: Before and After must both be given", c.ID)
			continue
		}
		if c.Doc.Before == c.Doc.After {
			t.Errorf("%s: Before and After are the same", c.ID)
		}
		for _, ex := range []example{{name: c.ID + ".Before", src: c.Doc.Before}, {name: c.ID + ".After", src: c.Doc.After}} {
			src := ex.src + "\n"
			f, err := parser.ParseFile(fset, ex.name+".go", src, parser.ParseComments|parser.AllErrors)
			if err != nil {
				t.Errorf("%s does not parse: %v", ex.name, err)
				continue
			}
			if f.Name.Name != "example" {
				t.Errorf("%s: package %s, want package example", ex.name, f.Name.Name)
			}
			usesRCU := false
			for _, spec := range f.Imports {
				p, _ := strconv.Unquote(spec.Path.Value)
				imports[p] = true
				usesRCU = usesRCU || p == rcuapiPath
			}
			// The RCU7xxx checks are about code without rcuapi; the
			// others' examples use it.
			if !usesRCU && !strings.HasPrefix(ex.name, "RCU7") {
				t.Errorf("%s does not import %s", ex.name, rcuapiPath)
			}
			if formatted, err := format.Source([]byte(src)); err == nil && string(formatted) != src {
				t.Errorf("%s is not gofmt-formatted; gofmt gives:\n%s", ex.name, formatted)
			}
			if n := strings.Count(ex.src, "\n") + 1; n > 40 {
				t.Errorf("%s is %d lines long; keep examples short", ex.name, n)
			}
			ex.file = f
			examples = append(examples, ex)
		}
	}

	imp := loadImporter(t, slices.Sorted(maps.Keys(imports)))
	for _, ex := range examples {
		var errs []string
		conf := types.Config{
			Importer: imp,
			Error:    func(err error) { errs = append(errs, err.Error()) },
		}
		conf.Check("example", fset, []*ast.File{ex.file}, nil)
		if len(errs) > 0 {
			t.Errorf("%s does not type-check against rcuapi:\n\t%s", ex.name, strings.Join(errs, "\n\t"))
		}
	}
}

// loadImporter loads the named packages, and everything they depend on,
// from the build's export data, and returns an importer that serves them
// from one shared universe of types.
func loadImporter(t *testing.T, paths []string) types.Importer {
	t.Helper()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		t.Fatalf("loading %v: %v", paths, err)
	}
	byPath := map[string]*types.Package{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("loading %s: %v", p.PkgPath, e)
		}
		byPath[p.PkgPath] = p.Types
	})
	if t.Failed() {
		t.FailNow()
	}
	return importerFunc(func(path string) (*types.Package, error) {
		if p := byPath[path]; p != nil {
			return p, nil
		}
		return nil, &importError{path}
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

type importError struct{ path string }

func (e *importError) Error() string { return "package " + e.path + " was not loaded" }

func TestExplain(t *testing.T) {
	for i := range Checks {
		c := &Checks[i]
		text := c.Explain()
		want := []string{c.ID, c.Doc.Title, "More: " + c.DocRef() + "\n", "Bad:", "Good:"}
		for _, n := range c.Items {
			it, _ := ItemByNumber(n)
			want = append(want, it.Title)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s.Explain() does not mention %q", c.ID, w)
			}
		}
		if words := strings.Join(strings.Fields(c.Doc.Text), " "); !strings.Contains(strings.Join(strings.Fields(text), " "), words) {
			t.Errorf("%s.Explain() does not contain the whole Text", c.ID)
		}
		if !strings.HasPrefix(text, c.ID+": "+c.Doc.Title+"\n") {
			t.Errorf("%s.Explain() should open with the id and title; it opens %q", c.ID, strings.SplitN(text, "\n", 2)[0])
		}
	}
	// No address is published yet: the documentation names the file in the
	// source tree, and claims no release.
	c, _ := Lookup("RCU1002")
	if got := c.URL(); got != "" {
		t.Errorf("URL() = %q, want none until rcuvet has a published home", got)
	}
	if got, want := c.DocRef(), "docs/checks.md#rcu1002 in rcuvet's source tree"; got != want {
		t.Errorf("DocRef() = %q, want %q", got, want)
	}
	if text := c.Explain(); strings.Contains(text, "http") || strings.Contains(text, "Available since") {
		t.Errorf("Explain() names an address or a release that does not exist:\n%s", text)
	}
}
