package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"runtime/debug"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/blocking"
	"github.com/rcuvet/rcuvet/passes/internal/dyntype"
	"github.com/rcuvet/rcuvet/passes/internal/generated"
	"github.com/rcuvet/rcuvet/passes/internal/paramuse"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer is the engine. Checks require it and read its *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "rcuflow",
	Doc:        "computes read-side sections and protected pointers over SSA for rcuvet's checks",
	Run:        run,
	Requires:   []*analysis.Analyzer{apisem.Analyzer, blocking.Analyzer, paramuse.Analyzer, dyntype.Analyzer},
	FactTypes:  []analysis.Fact{(*SectionSummary)(nil), (*TeardownSummary)(nil), (*UpdateSummary)(nil), (*Uses)(nil), (*StoredPosts)(nil), (*NativeSummary)(nil)},
	ResultType: reflect.TypeFor[*Result](),
}

// Result is what the engine found in one package.
type Result struct {
	// Findings are the package's findings, every check's, ordered by
	// check, then position.
	Findings []*Finding
	// Generated reports whether a file is generated code, where checks
	// report nothing.
	Generated func(token.Pos) bool
	// Ignores are the package's comments that begin with "//rcuvet:ignore",
	// found once here for every check to parse.
	Ignores []*ast.Comment
}

// Of returns the findings of check id outside generated files.
func (r *Result) Of(id string) []*Finding {
	var out []*Finding
	for _, f := range r.Findings {
		if f.Check == id && !r.Generated(f.Pos) {
			out = append(out, f)
		}
	}
	return out
}

func run(pass *analysis.Pass) (res any, err error) {
	model := pass.ResultOf[apisem.Analyzer].(*apisem.Model)
	result := &Result{Generated: generated.Files(pass), Ignores: ignoreComments(pass)}
	if model.Empty() {
		// Nothing to analyse, but the pointer uses of the packages this
		// one depends on travel on; and ordinary Go snapshots (RCU7xxx)
		// are checked where the package has one, outside the standard
		// library (whose bodies no check reads, as for blocking: its
		// reports would never be shown, and its SSA was most of the cost
		// of go vet on a module that imports net/http).
		(&engine{pass: pass, result: result}).collectUses(nil)
		if mayHaveSlots(pass) && !blocking.IsStd(pass) {
			return result, newEngine(pass, model, result).runNative()
		}
		return result, nil
	}
	var current *ssa.Function
	defer func() {
		if r := recover(); r != nil {
			where := "building SSA"
			if current != nil {
				where = "analysing " + current.String()
			}
			err = fmt.Errorf("rcuvet internal error while %s: %v\n%s", where, r, debug.Stack())
		}
	}()

	pkg := buildSSA(pass)
	if testHookBuilt != nil {
		testHookBuilt(pass.Pkg.Path())
	}
	e := newEngine(pass, model, result)
	roots, all := e.order(pkg)
	e.funcs = all
	for _, fn := range roots {
		current = fn
		if testHookAnalyse != nil {
			testHookAnalyse(fn)
		}
		e.analyseRoot(fn)
	}
	current = nil

	// The package-level detectors, once every function has been walked
	// (the walk itself reports what is decided function by function).
	for _, fn := range all {
		e.checkQSBROnline(fn) // RCU1001, RCU1005, RCU1006; readers' locks for RCU3003
	}
	e.checkLockOrder(all) // RCU3003
	uses := e.collectUses(e.finishPointers(all))
	e.checkUpdaters(uses) // RCU2003
	e.checkFlavours(uses) // RCU5001
	e.checkRetire(all)    // RCU2004
	e.exportStoredPosts(all)
	td := e.teardownOf(all)
	e.checkExits(all, td) // RCU6001, RCU6002, RCU6003
	for _, fn := range all {
		e.checkDeferredCleanup(fn, td.queued) // RCU6004
		e.checkLocalCleanup(fn)               // RCU6004
		e.checkCleanupUses(fn, td.queued)     // RCU6004, RCU6005
	}
	e.checkBacklog() // RCU4002
	if hasSlotOps(all) {
		e.checkNative(all) // RCU7001-RCU7005
	}
	e.sortFindings()
	return result, nil
}

// newEngine returns the engine for the package of pass.
func newEngine(pass *analysis.Pass, model *apisem.Model, result *Result) *engine {
	e := &engine{
		pass:      pass,
		model:     model,
		blocking:  pass.ResultOf[blocking.Analyzer].(*blocking.Result),
		params:    pass.ResultOf[paramuse.Analyzer].(*paramuse.Result),
		dyn:       pass.ResultOf[dyntype.Analyzer].(*dyntype.Result),
		summaries: make(map[*ssa.Function]*summary),
		imported:  make(map[*types.Func]*summary),
		result:    result,
		inContext: make(map[*ssa.Function]bool),
		iterBody:  make(map[*ssa.Function]bool),
		callees:   make(map[*ssa.CallCommon]calleeInfo),

		readerLocks: make(map[lockIn]token.Pos),
	}
	e.upd = newUpdExtra(e)
	return e
}

// Test hooks: called when SSA is built for a package, and before each
// function is analysed.
var (
	testHookBuilt   func(pkgPath string)
	testHookAnalyse func(fn *ssa.Function)
)

// buildSSA builds SSA for the package alone, as the buildssa pass does, but
// only once we know the package matters.
func buildSSA(pass *analysis.Pass) *ssa.Package {
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}

// ignoreComments returns the comments of the package's files that begin
// with "//rcuvet:ignore".
func ignoreComments(pass *analysis.Pass) []*ast.Comment {
	var out []*ast.Comment
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//rcuvet:ignore") {
					out = append(out, c)
				}
			}
		}
	}
	return out
}
