package robust

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rcuvet/rcuvet/passes"
)

// fuzzBase is what every fuzzed program is type-checked against: rcuapi
// and the standard library packages the programs import, loaded once per
// process, with the syntax the analyzers need to compute their facts.
type fuzzBase struct {
	dir     string
	fset    *token.FileSet
	imports map[string]*packages.Package // by import path
	sizes   types.Sizes
	facts   *factTable // the facts of the analyzers over the base's packages
}

var (
	baseOnce sync.Once
	base     *fuzzBase
	baseErr  error
)

func loadFuzzBase(t testing.TB) *fuzzBase {
	baseOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rcuvet-fuzz-")
		if err != nil {
			baseErr = err
			return
		}
		writeModule(t, dir, "example.com/fuzzbase", map[string]string{
			"base/base.go": "package base\n\nimport (\n\t_ \"iter\"\n\t_ \"sync\"\n\n\t_ \"github.com/rcuvet/rcuvet/rcuapi\"\n)\n",
		})
		pkgs, err := loadPackages(dir, nil, "./base")
		if err != nil {
			baseErr = err
			return
		}
		if len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
			baseErr = fmt.Errorf("loading the fuzz base: %v", pkgs[0].Errors)
			return
		}
		g, err := checker.Analyze(passes.All(), pkgs, nil)
		if err != nil {
			baseErr = err
			return
		}
		facts := newFactTable()
		for act := range g.All() {
			if act.Err != nil {
				baseErr = fmt.Errorf("%s: %v", act, act.Err)
				return
			}
			if act.Package == pkgs[0] { // its facts include those of every dependency
				facts.add(act)
			}
		}
		base = &fuzzBase{dir: dir, fset: pkgs[0].Fset, imports: pkgs[0].Imports, sizes: pkgs[0].TypesSizes, facts: facts}
	})
	if baseErr != nil {
		t.Fatal(baseErr)
	}
	return base
}

// Import implements types.Importer over the base's packages.
func (b *fuzzBase) Import(path string) (*types.Package, error) {
	if p, ok := b.imports[path]; ok {
		return p.Types, nil
	}
	return nil, fmt.Errorf("the fuzz base has no package %q", path)
}

var fuzzSeq int64
var fuzzSeqMu sync.Mutex

// check type-checks src as a package of the base module and returns it as
// go/packages would.
func (b *fuzzBase) check(src string) (*packages.Package, error) {
	fuzzSeqMu.Lock()
	fuzzSeq++
	n := fuzzSeq
	fuzzSeqMu.Unlock()
	dir := filepath.Join(b.dir, "fuzz")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	name := filepath.Join(dir, fmt.Sprintf("fuzz%d.go", n))
	if err := os.WriteFile(name, []byte(src), 0o666); err != nil {
		return nil, err
	}
	defer os.Remove(name)
	f, err := parser.ParseFile(b.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	conf := types.Config{Importer: b, Sizes: b.sizes, GoVersion: "go1.26"}
	const path = "example.com/fuzzbase/fuzz"
	pkg, err := conf.Check(path, b.fset, []*ast.File{f}, info)
	if err != nil {
		return nil, err
	}
	imports := make(map[string]*packages.Package)
	for _, imp := range pkg.Imports() {
		imports[imp.Path()] = b.imports[imp.Path()]
	}
	return &packages.Package{
		ID:              path,
		Name:            pkg.Name(),
		PkgPath:         path,
		GoFiles:         []string{name},
		CompiledGoFiles: []string{name},
		Fset:            b.fset,
		Syntax:          []*ast.File{f},
		Types:           pkg,
		TypesInfo:       info,
		TypesSizes:      b.sizes,
		Imports:         imports,
	}, nil
}

// fuzzLimit bounds the analysis of one fuzzed program, which has at most a
// few hundred statements.
var fuzzLimit = slow(20 * time.Second)

// FuzzEngine generates programs from the fuzz input (see fuzzgen_test.go),
// type-checks them and runs every check on them. It fails if an analyzer
// returns an error (the engine turns its panics into errors), panics, takes
// longer than fuzzLimit, or reports a diagnostic outside the program.
// Under plain go test only the seeds run; go test -fuzz=FuzzEngine explores.
func FuzzEngine(f *testing.F) {
	// Outside fuzzing, the seeds run in a child process: a crash that
	// Go cannot recover from (a stack overflow) fails this test alone.
	if !fuzzing() && isolate(f, slow(2*time.Minute)) {
		f.Fuzz(func(*testing.T, []byte) {}) // the child ran the seeds
		return
	}
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	b := loadFuzzBase(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		src, correct := generate(in)
		pkg, err := b.check(src)
		if err != nil {
			t.Fatalf("the generator wrote a program that does not compile: %v\n%s", err, numbered(src))
		}
		var res *driverResult
		withDeadline(t, fuzzLimit, "analysing a fuzzed program", func() {
			res = b.facts.analyze(pkg, passes.All())
		})
		file := b.fset.File(pkg.Syntax[0].FileStart)
		for _, err := range res.errs {
			t.Errorf("%v", firstLines(err.Error(), 30))
		}
		for _, d := range res.diags {
			if !d.Pos.IsValid() || b.fset.File(d.Pos) != file {
				t.Errorf("diagnostic outside the program: %q at %v", d.Message, b.fset.Position(d.Pos))
			}
			if !diagIDRx.MatchString(d.Message) {
				t.Errorf("diagnostic does not start with a check's id: %q", d.Message)
			}
			// A suggested fix must leave a program that compiles.
			for _, fix := range d.SuggestedFixes {
				fixed, err := applyEdits(b.fset, file, src, fix.TextEdits)
				if err == nil {
					_, err = b.check(fixed)
				}
				if err != nil {
					t.Errorf("the fix %q of %q at %v breaks the program: %v", fix.Message, d.Message, b.fset.Position(d.Pos), err)
				}
			}
		}
		if !fuzzing() {
			fixes := 0
			for _, d := range res.diags {
				fixes += len(d.SuggestedFixes)
			}
			t.Logf("%d findings, %d fixes", len(res.diags), fixes)
			// The seeds also go through the checker, which go vet's and
			// rcuvet's drivers are built on: its findings must be the same.
			var g *checker.Graph
			g, err = checker.Analyze(passes.All(), []*packages.Package{pkg}, &checker.Options{Sequential: true})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for act := range g.All() {
				if act.Err != nil {
					t.Errorf("checker: %s: %v", act, firstLines(act.Err.Error(), 30))
				}
				if act.IsRoot {
					for _, d := range act.Diagnostics {
						want = append(want, formatDiag(b.dir, b.fset.Position(d.Pos), d.Message))
					}
				}
			}
			var got []string
			for _, d := range res.diags {
				got = append(got, formatDiag(b.dir, b.fset.Position(d.Pos), d.Message))
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("the fuzz driver found\n%s\nthe checker\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
		if correct {
			for _, d := range res.diags {
				t.Errorf("a false report on a correct program: %s", formatDiag(b.dir, b.fset.Position(d.Pos), d.Message))
			}
		}
		if t.Failed() {
			t.Logf("program:\n%s", numbered(src))
		}
	})
}

// numbered returns src with line numbers.
func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// Pieces of seeds: the bytes that make one statement (see gen.stmt; the
// first byte picks the kind, the next ones the variant and the variables;
// 0 ends a block).
var (
	lock1     = []byte{40, 0, 0}    // s1 = rcuapi.ReadLock()
	lockSRCU1 = []byte{40, 1, 0}    // s1 = dom.ReadLock()
	deref1    = []byte{4, 0, 0, 1}  // p1 = cfg.Dereference(s1)
	use1      = []byte{6, 1, 0}     // if p1 != nil { r += p1.port }
	unlock1   = []byte{2, 0, 1}     // rcuapi.ReadUnlock(s1)
	defer1    = []byte{2, 5, 1}     // defer rcuapi.ReadUnlock(s1)
	end       = []byte{0}           // the end of a block
	plain     = []byte{0, 0, 0, 0}  // the grammar with bugs; three plain functions
	kinds     = []byte{0, 0, 1, 2}  // a plain function, a generic one, a method
	keep1     = []byte{6, 1, 2}     // if p1 != nil { keep = p1 }
	ret       = []byte{21, 1, 1, 0} // if n == 1 { return r } (or return, in a closure)
)

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// fuzzSeeds returns the seed corpus: inputs that make valid rcuapi
// programs of every statement kind, correct ones and buggy ones.
func fuzzSeeds() [][]byte {
	seeds := [][]byte{
		cat(plain, lock1, deref1, use1, unlock1, end),                                                            // correct
		cat(plain, lock1, deref1, unlock1, use1, end),                                                            // use after unlock
		cat(plain, lock1, defer1, deref1, use1, ret, keep1, end),                                                 // deferred unlock, escape
		cat(plain, lock1, deref1, []byte{9, 3}, unlock1, ret, end, []byte{1}, use1, unlock1, end),                // unlock on one branch
		cat(plain, lock1, []byte{12, 0}, deref1, use1, unlock1, lock1, end, unlock1, end),                        // loop-carried section
		cat(plain, lock1, []byte{14, 0, 1}, []byte{21, 1, 1, 2}, end, unlock1, end),                              // range-over-func, return
		cat(plain, lock1, []byte{14, 2, 1, 1}, []byte{14, 1, 1}, ret, end, end, unlock1, use1, end),              // nested user iterators
		cat(plain, lock1, []byte{17, 0}, deref1, use1, end, unlock1, end),                                        // closure in place
		cat(plain, lock1, []byte{17, 1}, deref1, use1, unlock1, end, end),                                        // closure called twice
		cat(plain, lock1, deref1, []byte{20, 0}, use1, end, []byte{20, 1, 1, 1}, unlock1, end),                   // goroutines
		cat(plain, lock1, []byte{19}, unlock1, end, deref1, use1, end),                                           // deferred closure ends it
		cat(kinds, lock1, []byte{23, 1, 1, 1}, unlock1, end, []byte{4, 3, 0}, end, []byte{23, 0, 0, 0}, end),     // calls
		cat(plain, []byte{24, 0, 1, 24, 1, 24, 2, 1, 25, 0}, use1, end, []byte{26, 0, 26, 1, 28, 0, 28, 1}, end), // update side
		cat(plain, lock1, []byte{27, 0, 1, 2, 4, 0, 1, 3, 6, 2, 0, 27, 1, 1, 2, 2, 0, 3}, end),                   // through memory
		cat(plain, lockSRCU1, deref1, unlock1, end),                                                              // wrong domain
		cat(plain, lock1, []byte{11}, unlock1, end, end, unlock1, end, []byte{22, 1}, end),                       // switch, panic
		cat(plain, lock1, []byte{29}, deref1, []byte{16, 1, 1}, end, []byte{3}, unlock1, end),                    // labeled loop
		cat([]byte{0, 3, 3, 3}, lock1, deref1, []byte{4, 6, 2, 1}, use1, unlock1, end),                           // methods of a generic type
	}
	// The correct grammar (see gen.cstmt): nested sections of both
	// domains, loops, closures, iterators, early returns, the update side.
	seeds = append(seeds,
		[]byte{1, 0, 0, 0, 1, 0, 13, 15, 17, 0, 7, 1, 0, 0},
		[]byte{1, 1, 2, 3, 5, 0, 1, 0, 15, 8, 1, 0, 7, 2, 0, 0, 0, 3, 13, 9, 17, 0, 0, 11, 12, 13, 0},
		[]byte{1, 0, 0, 0, 4, 1, 0, 16, 7, 3, 0, 0, 0, 2, 1, 20, 18, 19, 21, 0, 0, 0, 10, 0, 14, 15, 16, 0},
	)
	// And pseudo-random ones of both grammars, the same every time.
	r := rand.New(rand.NewPCG(1, 2))
	for k := range 16 {
		in := make([]byte, 32+r.IntN(200))
		for i := range in {
			in[i] = byte(1 + r.IntN(255))
		}
		in[0] = byte(k % 2)
		seeds = append(seeds, in)
	}
	return seeds
}

// applyEdits applies edits, which must be in file, to src.
func applyEdits(fset *token.FileSet, file *token.File, src string, edits []analysis.TextEdit) (string, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
	var out strings.Builder
	last := 0
	for _, e := range edits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if fset.File(e.Pos) != file || fset.File(end) != file {
			return "", fmt.Errorf("an edit outside the program")
		}
		start, stop := file.Offset(e.Pos), file.Offset(end)
		if start < last || stop < start {
			return "", fmt.Errorf("overlapping edits")
		}
		out.WriteString(src[last:start])
		out.Write(e.NewText)
		last = stop
	}
	out.WriteString(src[last:])
	return out.String(), nil
}

var diagIDRx = regexp.MustCompile(`^RCU\d{4}: `)

// fuzzing reports whether the test binary runs with -test.fuzz.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}
