// Package paramuse finds, in every package, the functions that write into
// what a pointer parameter points to (a setter: r.metric = m) and those
// that read through one (return t.Epoch), and exports them as facts. The
// engine makes the same summaries from SSA for the packages that can reach
// an RCU API; this analysis reads only the syntax, so that it is cheap
// enough for every package, and lets the checks see what a function of a
// package that knows nothing of RCU does with the pointers it is given: a
// setter at its calls (RCU2001, RCU2002), a reader given what Access
// returned (RCU1007). What generated code reads is not exported.
package paramuse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/generated"
)

// Writes is the fact of a function that writes through parameters: the
// indexes (the receiver, if any, is 0) of the pointer parameters whose
// memory it writes into.
type Writes struct {
	Indexes []int
}

func (*Writes) AFact() {}

func (p *Writes) String() string { return fmt.Sprintf("writes%v", p.Indexes) }

// Reads is the fact of a function that reads through parameters: the
// indexes of the pointer parameters whose memory it reads, itself or
// through a function it calls.
type Reads struct {
	Indexes []int
}

func (*Reads) AFact() {}

func (p *Reads) String() string { return fmt.Sprintf("reads%v", p.Indexes) }

// Result answers for the package analysed and its dependencies.
type Result struct {
	pass   *analysis.Pass
	writes map[*types.Func][]int
	reads  map[*types.Func][]int
}

// Writes returns the parameters fn writes through, or nil.
func (r *Result) Writes(fn *types.Func) []int {
	var f Writes
	return r.of(fn, r.writes, &f, func() []int { return f.Indexes })
}

// Reads returns the parameters fn reads through, or nil.
func (r *Result) Reads(fn *types.Func) []int {
	var f Reads
	return r.of(fn, r.reads, &f, func() []int { return f.Indexes })
}

func (r *Result) of(fn *types.Func, local map[*types.Func][]int, fact analysis.Fact, indexes func() []int) []int {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if ps, ok := local[fn]; ok {
		return ps
	}
	if fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(fn, fact) {
		return indexes()
	}
	return nil
}

// Analyzer finds the functions that write or read through their
// parameters.
var Analyzer = &analysis.Analyzer{
	Name:       "rcuparamuse",
	Doc:        "finds the functions that write into or read through their pointer parameters, for rcuvet's checks",
	Run:        run,
	FactTypes:  []analysis.Fact{(*Writes)(nil), (*Reads)(nil)},
	ResultType: reflect.TypeFor[*Result](),
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{pass: pass, writes: make(map[*types.Func][]int), reads: make(map[*types.Func][]int)}
	// The standard library's types keep their own state (a Mutex, a
	// Buffer): a call of their methods is no update; and it cannot read
	// through a pointer to a type of the user's.
	if isStd(pass) {
		return r, nil
	}
	var decls []*ast.FuncDecl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				decls = append(decls, fd)
			}
		}
	}
	for _, fd := range decls {
		r.findWrites(fd)
	}
	r.findReads(decls)
	// Only what other packages can call travels in facts.
	for fn, ps := range r.writes {
		if fn.Exported() {
			pass.ExportObjectFact(fn, &Writes{ps})
		}
	}
	// Nor what generated code reads: nearly every method reads its
	// receiver, and the facts of the methods of generated API types
	// (protobuf messages, Kubernetes objects) are copied into the fact
	// file of every package that depends on them, which made them most of
	// rcuvet's fact traffic on prometheus.
	inGenerated := generated.Files(pass)
	for fn, ps := range r.reads {
		if fn.Exported() && !inGenerated(fn.Pos()) {
			pass.ExportObjectFact(fn, &Reads{ps})
		}
	}
	return r, nil
}

// findWrites records the parameters fd writes through.
func (r *Result) findWrites(fd *ast.FuncDecl) {
	info := r.pass.TypesInfo
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return
	}
	params := pointerParams(info, fd)
	if len(params) == 0 {
		return
	}
	var out []int
	locked := lockedParams(info, fd.Body, params)
	note := func(e ast.Expr) {
		if locked[rootVar(info, e)] {
			return // a write under the object's own lock
		}
		if i, ok := params[rootVar(info, e)]; ok && e != nil && !slices.Contains(out, i) {
			if _, bare := ast.Unparen(e).(*ast.Ident); !bare {
				out = append(out, i)
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					note(l)
				}
			}
		case *ast.IncDecStmt:
			note(n.X)
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) > 0 && (id.Name == "delete" || id.Name == "clear") {
				if _, builtin := info.Uses[id].(*types.Builtin); builtin {
					note(n.Args[0])
				}
			}
		}
		return true
	})
	if len(out) > 0 {
		slices.Sort(out)
		r.writes[fn] = out
	}
}

// A handOff is a parameter of a function handed on, bare, as argument
// arg of a call of callee.
type handOff struct {
	param  int
	callee *types.Func
	arg    int
}

// findReads records the parameters each function reads through: a field
// selected or a pointer dereferenced at the root of a parameter (t.Epoch,
// *t, t.s[i]), a method with a value receiver called on one, or a
// parameter handed to a function that reads through it (of another
// package, known from its fact; of this one, found by propagating from
// callee to callers until nothing changes).
func (r *Result) findReads(decls []*ast.FuncDecl) {
	info := r.pass.TypesInfo
	handOffs := map[*types.Func][]handOff{}
	callers := map[*types.Func][]*types.Func{}
	var work []*types.Func
	for _, fd := range decls {
		fn, ok := info.Defs[fd.Name].(*types.Func)
		if !ok {
			continue
		}
		params := pointerParams(info, fd)
		if len(params) == 0 {
			continue
		}
		var out []int
		note := func(v *types.Var) {
			if i, ok := params[v]; ok && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if v := paramVar(info, n.X); v != nil {
					if sel, ok := info.Selections[n]; ok && readsReceiver(sel) {
						note(v)
					}
				}
			case *ast.StarExpr:
				if v := paramVar(info, n.X); v != nil {
					note(v)
				}
			case *ast.CallExpr:
				callee, args := calleeArgs(info, n)
				if callee == nil {
					return true
				}
				for a, arg := range args {
					v := paramVar(info, arg)
					i, ok := params[v]
					if !ok {
						continue
					}
					if callee.Pkg() == r.pass.Pkg {
						handOffs[fn] = append(handOffs[fn], handOff{i, callee.Origin(), a})
						callers[callee.Origin()] = append(callers[callee.Origin()], fn)
					} else if slices.Contains(r.Reads(callee), a) {
						note(v)
					}
				}
			}
			return true
		})
		if len(out) > 0 {
			slices.Sort(out)
			r.reads[fn] = out
			work = append(work, fn)
		}
	}
	for len(work) > 0 {
		callee := work[len(work)-1]
		work = work[:len(work)-1]
		for _, fn := range callers[callee] {
			grew := false
			for _, h := range handOffs[fn] {
				if h.callee == callee && slices.Contains(r.reads[callee], h.arg) && !slices.Contains(r.reads[fn], h.param) {
					r.reads[fn] = append(r.reads[fn], h.param)
					grew = true
				}
			}
			if grew {
				slices.Sort(r.reads[fn])
				work = append(work, fn)
			}
		}
	}
}

// paramVar returns the variable e names, if it is a bare identifier.
func paramVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// readsReceiver reports whether a selection reads the memory its operand
// points to: a field, or a method with a value receiver (which copies it).
func readsReceiver(sel *types.Selection) bool {
	switch sel.Kind() {
	case types.FieldVal:
		return true
	case types.MethodVal:
		if f, ok := sel.Obj().(*types.Func); ok {
			if recv := f.Signature().Recv(); recv != nil {
				_, ptr := recv.Type().Underlying().(*types.Pointer)
				return !ptr
			}
		}
	}
	return false
}

// calleeArgs returns the function a call statically calls and its
// arguments, the receiver first for a method.
func calleeArgs(info *types.Info, call *ast.CallExpr) (*types.Func, []ast.Expr) {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		f, _ := info.Uses[fun].(*types.Func)
		return f, call.Args
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[fun]; ok {
			f, ok := sel.Obj().(*types.Func)
			if !ok || types.IsInterface(sel.Recv()) || sel.Kind() != types.MethodVal {
				return nil, nil
			}
			return f, append([]ast.Expr{fun.X}, call.Args...)
		}
		f, _ := info.Uses[fun.Sel].(*types.Func)
		return f, call.Args
	}
	return nil, nil
}

// pointerParams maps the variables of fd's receiver and parameters that
// are pointers to their index (the receiver is 0).
func pointerParams(info *types.Info, fd *ast.FuncDecl) map[*types.Var]int {
	out := make(map[*types.Var]int)
	i := 0
	add := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, f := range fl.List {
			if len(f.Names) == 0 {
				i++
				continue
			}
			for _, n := range f.Names {
				if v, ok := info.Defs[n].(*types.Var); ok {
					if _, ptr := v.Type().Underlying().(*types.Pointer); ptr {
						out[v] = i
					}
				}
				i++
			}
		}
	}
	add(fd.Recv)
	add(fd.Type.Params)
	return out
}

// rootVar returns the variable at the root of a selector, index or star
// chain (r in r.a.b[i] or *r), or nil.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// lockedParams returns the parameters whose object the body locks (a
// method of the object calling r.mu.Lock()): its writes are guarded.
func lockedParams(info *types.Info, body *ast.BlockStmt, params map[*types.Var]int) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Lock" && sel.Sel.Name != "RLock") {
			return true
		}
		if v := rootVar(info, sel.X); v != nil {
			if _, ok := params[v]; ok {
				out[v] = true
			}
		}
		return true
	})
	return out
}

// isStd reports whether the package analysed is of the standard library:
// of no module (or module std), with no dot in its path's first element.
func isStd(pass *analysis.Pass) bool {
	if m := pass.Module; m != nil && m.Path != "" && m.Path != "std" {
		return false
	}
	first, _, _ := strings.Cut(pass.Pkg.Path(), "/")
	return !strings.Contains(first, ".")
}
