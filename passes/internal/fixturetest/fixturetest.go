// Package fixturetest is the harness of the analyzer tests. Every check's fixtures live in the fixtures module
// (testdata/src) and are loaded, parsed and type-checked once for the
// whole test binary, and analysed once by all the checks together
// (Shared); each check's test then matches what its check reports on the
// packages it names against the "// want" comments of those packages,
// and, for the fix tests, the fixed files against their .golden copies.
// Loading and analysing are most of the cost of an analyzer test, so
// sharing them is what keeps the loop fast.
//
// A want comment ("// want" anywhere in a line comment, so that it can
// follow another directive) holds one or more patterns, each a Go string literal
// (raw strings are the rule here) holding a regular expression: every
// diagnostic on that line must match one of them, and each of them must
// match one diagnostic there.
package fixturetest

import (
	"bytes"
	"fmt"
	"go/format"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rcuvet/rcuvet/internal/stdbodies"
)

// Dir is the fixtures module, testdata/src of the repository.
var Dir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "src")
}()

var fixtures struct {
	once sync.Once
	pkgs []*packages.Package
	err  error
}

// Load loads every package of the fixtures module, once per test binary.
func Load(t *testing.T) []*packages.Package {
	t.Helper()
	fixtures.once.Do(func() {
		cfg := &packages.Config{
			Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
				packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
				packages.NeedDeps | packages.NeedModule,
			Dir:   Dir,
			Tests: true,
			Env:   append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod"),
			// The standard library is type-checked without the
			// bodies no analyzer reads (internal/stdbodies): those of
			// net/http and its imports were most of this binary's
			// memory.
			ParseFile: stdbodies.Parser(runtime.GOROOT(), nil),
		}
		var patterns []string
		if patterns, fixtures.err = fixtureDirs(); fixtures.err != nil {
			return
		}
		fixtures.pkgs, fixtures.err = packages.Load(cfg, patterns...)
		if fixtures.err == nil {
			packages.Visit(fixtures.pkgs, nil, func(p *packages.Package) {
				for _, e := range p.Errors {
					fixtures.err = fmt.Errorf("fixture package %s: %v", p.PkgPath, e)
				}
			})
		}
	})
	if fixtures.err != nil {
		t.Fatal(fixtures.err)
	}
	return fixtures.pkgs
}

// fixtureDirs returns the patterns of the analyzers' fixture packages:
// every directory of the fixtures module but the scored corpora (corpus,
// heldout...), which internal/corpus loads for itself. Loading those too
// tripled the memory of this test binary under the race detector.
func fixtureDirs() ([]string, error) {
	entries, err := os.ReadDir(Dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "corpus" || strings.HasPrefix(e.Name(), "heldout") {
			continue
		}
		out = append(out, "./"+e.Name()+"/...")
	}
	return out, nil
}

// selectPackages returns the loaded packages that patterns name: an import
// path, or a path followed by "/..." for it and everything below. The
// test variants of a package are selected with it.
func selectPackages(t *testing.T, patterns []string) []*packages.Package {
	t.Helper()
	var out []*packages.Package
	for _, pat := range patterns {
		base, tree := strings.CutSuffix(pat, "/...")
		n := 0
		for _, p := range Load(t) {
			if strings.HasSuffix(p.PkgPath, ".test") {
				continue // a generated test main
			}
			if p.PkgPath == base || tree && strings.HasPrefix(p.PkgPath, base+"/") ||
				strings.TrimSuffix(p.PkgPath, "_test") == base && strings.HasSuffix(p.ID, ".test]") {
				if !slices.Contains(out, p) {
					out = append(out, p)
				}
				n++
			}
		}
		if n == 0 {
			t.Fatalf("no fixture package matches %s", pat)
		}
	}
	return withoutShadowed(out)
}

// withoutShadowed drops a package when its test variant (which holds the
// same files and more) is also selected, so that no file is checked twice.
func withoutShadowed(pkgs []*packages.Package) []*packages.Package {
	var out []*packages.Package
	for _, p := range pkgs {
		shadowed := slices.ContainsFunc(pkgs, func(q *packages.Package) bool {
			return q != p && q.PkgPath == p.PkgPath && strings.HasSuffix(q.ID, ".test]")
		})
		if !shadowed {
			out = append(out, p)
		}
	}
	return out
}

// Analyze runs a over the packages patterns select and returns its
// actions on them, errors included.
func Analyze(t *testing.T, a *analysis.Analyzer, patterns ...string) []*checker.Action {
	t.Helper()
	g, err := checker.Analyze([]*analysis.Analyzer{a}, selectPackages(t, patterns), nil)
	if err != nil {
		t.Fatal(err)
	}
	return g.Roots
}

// A Shared runs analyzers together, once, over every fixture package,
// and serves each analyzer's findings from that one analysis: the engine
// that every check requires then analyses each package (and the standard
// library below them) once, not once per check. A check's findings on a
// package depend only on the package and its dependencies, so they are
// those of a run of the check alone.
type Shared struct {
	all   []*analysis.Analyzer
	once  sync.Once
	graph *checker.Graph
	err   error
}

// Share returns a Shared that runs the analyzers all.
func Share(all ...*analysis.Analyzer) *Shared { return &Shared{all: all} }

// actions returns the root actions of a on the packages patterns select.
func (s *Shared) actions(t *testing.T, a *analysis.Analyzer, patterns []string) []*checker.Action {
	t.Helper()
	if !slices.Contains(s.all, a) {
		t.Fatalf("%s is not among the shared analyzers", a.Name)
	}
	s.once.Do(func() {
		s.graph, s.err = checker.Analyze(s.all, withoutShadowed(slices.DeleteFunc(slices.Clone(Load(t)), func(p *packages.Package) bool {
			return strings.HasSuffix(p.PkgPath, ".test") // a generated test main
		})), nil)
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	selected := selectPackages(t, patterns)
	var out []*checker.Action
	for _, act := range s.graph.Roots {
		if act.Analyzer == a && slices.Contains(selected, act.Package) {
			if act.Err != nil {
				t.Fatalf("%s: %v", act, act.Err)
			}
			out = append(out, act)
		}
	}
	if len(out) != len(selected) {
		t.Fatalf("the shared analysis has %d of the %d packages %v select", len(out), len(selected), patterns)
	}
	return out
}

// Run checks what a reports on the packages patterns select against
// their want comments.
func (s *Shared) Run(t *testing.T, a *analysis.Analyzer, patterns ...string) {
	t.Helper()
	for _, act := range s.actions(t, a, patterns) {
		checkWants(t, act)
	}
}

// RunFixes checks, besides the want comments, that applying every
// suggested fix a offers on the packages patterns select turns each file
// that has a .golden copy into that copy (gofmt-formatted).
func (s *Shared) RunFixes(t *testing.T, a *analysis.Analyzer, patterns ...string) {
	t.Helper()
	runFixes(t, s.actions(t, a, patterns), patterns)
}

// runFixes checks the want comments and the fixes of acts (RunFixes).
func runFixes(t *testing.T, acts []*checker.Action, patterns []string) {
	t.Helper()
	golden := 0
	for _, act := range acts {
		checkWants(t, act)
		edits := make(map[string][]analysis.TextEdit)
		for _, d := range act.Diagnostics {
			for _, f := range d.SuggestedFixes {
				for _, e := range f.TextEdits {
					name := act.Package.Fset.File(e.Pos).Name()
					edits[name] = append(edits[name], e)
				}
			}
		}
		for _, name := range act.Package.GoFiles {
			want, err := os.ReadFile(name + ".golden")
			if err != nil {
				continue
			}
			golden++
			got, err := applyEdits(act.Package.Fset, name, edits[name])
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: the fixed file differs from %s.golden:\n%s", name, filepath.Base(name), got)
			}
		}
	}
	if golden == 0 {
		t.Fatalf("no .golden file in %v", patterns)
	}
}

// applyEdits applies edits to the file name and formats the result.
func applyEdits(fset *token.FileSet, name string, edits []analysis.TextEdit) ([]byte, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var tf *token.File
	fset.Iterate(func(f *token.File) bool {
		if f.Name() == name {
			tf = f
		}
		return tf == nil
	})
	slices.SortStableFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
	var out []byte
	at := 0
	for _, e := range edits {
		start, end := tf.Offset(e.Pos), tf.Offset(e.Pos)
		if e.End.IsValid() {
			end = tf.Offset(e.End)
		}
		if start < at {
			return nil, fmt.Errorf("overlapping suggested fixes at offset %d", start)
		}
		out = append(append(out, src[at:start]...), e.NewText...)
		at = end
	}
	out = append(out, src[at:]...)
	return format.Source(out)
}

// expectation is one pattern of a want comment.
type expectation struct {
	re      *regexp.Regexp
	matched bool
}

type lineKey struct {
	file string
	line int
}

// checkWants matches the diagnostics of one action against the want
// comments of its package.
func checkWants(t *testing.T, act *checker.Action) {
	t.Helper()
	fset := act.Package.Fset
	wants := make(map[lineKey][]*expectation)
	for _, f := range act.Package.Syntax {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				_, rest, ok := strings.Cut(c.Text, "// want ")
				if !ok {
					continue
				}
				pos := fset.Position(c.Pos())
				pats, err := parsePatterns(rest)
				if err != nil {
					t.Errorf("%s: bad want comment: %v", pos, err)
					continue
				}
				k := lineKey{pos.Filename, pos.Line}
				for _, p := range pats {
					re, err := regexp.Compile(p)
					if err != nil {
						t.Errorf("%s: %v", pos, err)
						continue
					}
					wants[k] = append(wants[k], &expectation{re: re})
				}
			}
		}
	}
	for _, d := range act.Diagnostics {
		pos := fset.Position(d.Pos)
		k := lineKey{pos.Filename, pos.Line}
		i := slices.IndexFunc(wants[k], func(e *expectation) bool { return !e.matched && e.re.MatchString(d.Message) })
		if i < 0 {
			t.Errorf("%s: unexpected diagnostic: %s", pos, d.Message)
			continue
		}
		wants[k][i].matched = true
	}
	for k, es := range wants {
		for _, e := range es {
			if !e.matched {
				t.Errorf("%s:%d: no diagnostic was reported matching %#q", k.file, k.line, e.re)
			}
		}
	}
}

// parsePatterns reads the Go string literals of a want comment. Fact
// expectations (name:"pattern") belong to analysistest's own runs and are
// refused here.
func parsePatterns(text string) ([]string, error) {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("want", -1, len(text))
	var errs []string
	s.Init(file, []byte(text), func(_ token.Position, msg string) { errs = append(errs, msg) }, 0)
	var out []string
	for {
		_, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			if len(errs) > 0 {
				return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
			}
			if len(out) == 0 {
				return nil, fmt.Errorf("no pattern")
			}
			return out, nil
		case token.STRING:
			p, err := strconv.Unquote(lit)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		case token.SEMICOLON:
		default:
			return nil, fmt.Errorf("unexpected %s %q (only string patterns are matched here)", tok, lit)
		}
	}
}
