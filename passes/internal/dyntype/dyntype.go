// Package dyntype finds the functions whose one result, of interface
// type, always holds values of one concrete type when it is not nil
// (errors.New: *errors.errorString; a library's Errorf and Wrap that both
// return its *withStack), and exports that type as a fact. RCU7005 uses it:
// an atomic.Value panics when a Store's concrete type differs from the
// first one's, and an error Stored from two such calls of one library
// cannot differ.
//
// The analysis reads syntax and types only, so that it is cheap enough for
// every package. A function qualifies when every return statement that
// does not return nil returns the same concrete type: a value whose static
// type is concrete, a call of a function with the fact, or a local
// variable whose last assignment before the return, in the function's top
// level statements and with no assignment to it in between, is one of
// these. The fact also says whether the result may be nil: a return of nil,
// unless it only passes on a nil input (if err == nil { return nil }), or
// of a call or variable that may be nil. Named results returned bare,
// closures and generic functions do not qualify.
package dyntype

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Concrete is the fact of a function whose interface result, when not
// nil, always holds a value of concrete type Type (written with full
// package paths); Nil, whether it may be nil for a non-nil input.
type Concrete struct {
	Type string
	Nil  bool
}

func (*Concrete) AFact() {}

func (c *Concrete) String() string {
	if c.Nil {
		return "concrete " + c.Type + " or nil"
	}
	return "concrete " + c.Type
}

var Analyzer = &analysis.Analyzer{
	Name:       "rcudyntype",
	Doc:        "finds the functions whose interface result holds one concrete type, for rcuvet's checks",
	Run:        run,
	FactTypes:  []analysis.Fact{(*Concrete)(nil)},
	ResultType: reflect.TypeFor[*Result](),
}

// Result answers for the package analysed and its dependencies.
type Result struct {
	pass  *analysis.Pass
	local map[*types.Func]*Concrete
	// decls are the package's functions that may qualify; state says,
	// for each, whether it is being resolved (1) or was (2).
	decls map[*types.Func]*ast.FuncDecl
	state map[*types.Func]uint8
}

// Of returns the concrete type fn's result holds, written with full
// package paths, or "" if it is not known to be one; and whether it may
// be nil.
func (r *Result) Of(fn *types.Func) (typ string, mayBeNil bool) {
	if fn == nil {
		return "", false
	}
	fn = fn.Origin()
	if fn.Pkg() == r.pass.Pkg {
		if c := r.resolve(fn); c != nil {
			return c.Type, c.Nil
		}
		return "", false
	}
	var c Concrete
	if r.pass.ImportObjectFact(fn, &c) {
		return c.Type, c.Nil
	}
	return "", false
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{pass: pass, local: make(map[*types.Func]*Concrete), decls: make(map[*types.Func]*ast.FuncDecl), state: make(map[*types.Func]uint8)}
	var decls []*ast.FuncDecl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Type.TypeParams != nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			sig := fn.Type().(*types.Signature)
			if sig.Results().Len() != 1 || !types.IsInterface(sig.Results().At(0).Type()) || sig.Results().At(0).Name() != "" || sig.Recv() != nil && isGeneric(sig.Recv().Type()) {
				continue
			}
			decls = append(decls, fd)
		}
	}
	for _, fd := range decls {
		r.decls[pass.TypesInfo.Defs[fd.Name].(*types.Func)] = fd
	}
	// Each function once, callees first: a return of a call of the
	// package's own function resolves that function on the way (a
	// recursion resolves to nothing).
	for _, fd := range decls {
		r.resolve(pass.TypesInfo.Defs[fd.Name].(*types.Func))
	}
	for fn, c := range r.local {
		if fn.Exported() { // only what other packages can call
			pass.ExportObjectFact(fn, c)
		}
	}
	return r, nil
}

// resolve returns the fact of the package's function fn, computing it
// the first time; nil if fn does not qualify or is being resolved.
func (r *Result) resolve(fn *types.Func) *Concrete {
	switch r.state[fn] {
	case 1:
		return nil
	case 2:
		return r.local[fn]
	}
	fd, ok := r.decls[fn]
	if !ok {
		return nil
	}
	r.state[fn] = 1
	c := r.returned(fd)
	r.state[fn] = 2
	if c != nil {
		r.local[fn] = c
	}
	return c
}

func isGeneric(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.TypeParams().Len() > 0
}

// returned returns the one concrete type fd's non-nil returns hold, and
// whether it may return nil, or nil if there is no one type.
func (r *Result) returned(fd *ast.FuncDecl) *Concrete {
	typ, mayNil, ok := "", false, true
	passesNil := nilInputReturns(r.pass.TypesInfo, fd)
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false
				return false
			}
			t, isNil, tNil := r.exprType(fd, n, n.Results[0], 0)
			switch {
			case isNil:
				mayNil = mayNil || !passesNil[n]
			case t == "" || typ != "" && t != typ:
				ok = false
			default:
				typ, mayNil = t, mayNil || tNil
			}
		}
		return true
	})
	if !ok || typ == "" {
		return nil
	}
	return &Concrete{Type: typ, Nil: mayNil}
}

// nilInputReturns returns the return statements of fd that only pass on
// a nil input: the statements of an if err == nil { return nil } on a
// parameter.
func nilInputReturns(info *types.Info, fd *ast.FuncDecl) map[*ast.ReturnStmt]bool {
	params := map[types.Object]bool{}
	for _, f := range fd.Type.Params.List {
		for _, name := range f.Names {
			params[info.Defs[name]] = true
		}
	}
	out := map[*ast.ReturnStmt]bool{}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok {
			return true
		}
		cmp, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || cmp.Op.String() != "==" {
			return true
		}
		x, y := ast.Unparen(cmp.X), ast.Unparen(cmp.Y)
		if tv, ok := info.Types[x]; ok && tv.IsNil() {
			x, y = y, x
		}
		id, ok := x.(*ast.Ident)
		if tv, isNil := info.Types[y]; !ok || !isNil || !tv.IsNil() || !params[info.Uses[id]] {
			return true
		}
		for _, st := range ifs.Body.List {
			if ret, ok := st.(*ast.ReturnStmt); ok {
				out[ret] = true
			}
		}
		return true
	})
	return out
}

// exprType returns the concrete type e, returned by ret, holds, or
// reports that e is nil; and whether the value it holds may be nil.
func (r *Result) exprType(fd *ast.FuncDecl, ret *ast.ReturnStmt, e ast.Expr, depth int) (typ string, isNil, mayBeNil bool) {
	info := r.pass.TypesInfo
	e = ast.Unparen(e)
	tv, ok := info.Types[e]
	if !ok {
		return "", false, false
	}
	if tv.IsNil() {
		return "", true, true
	}
	if !types.IsInterface(tv.Type) {
		return types.TypeString(tv.Type, nil), false, false
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if fn := typeutil.StaticCallee(info, e); fn != nil {
			t, n := r.Of(fn)
			return t, false, n
		}
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || depth > 2 || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
			return "", false, false
		}
		if src := lastAssigned(info, fd.Body, ret, v); src != nil {
			return r.exprType(fd, ret, src, depth+1)
		}
	}
	return "", false, false
}

// lastAssigned returns what v was last given before ret, when ret is a
// statement of body's top level and so is that assignment (v = e, v := e,
// var v = e), and nothing assigns to v, or takes its address, in between.
func lastAssigned(info *types.Info, body *ast.BlockStmt, ret *ast.ReturnStmt, v *types.Var) ast.Expr {
	at := -1
	for i, st := range body.List {
		if st == ret {
			at = i
		}
	}
	if at < 0 {
		return nil
	}
	for i := at - 1; i >= 0; i-- {
		if src := assignedBy(info, body.List[i], v); src != nil {
			for _, between := range body.List[i+1 : at] {
				if touches(info, between, v) {
					return nil
				}
			}
			return src
		}
		if touches(info, body.List[i], v) {
			return nil
		}
	}
	return nil
}

// assignedBy returns the expression statement st gives v alone, or nil.
func assignedBy(info *types.Info, st ast.Stmt, v *types.Var) ast.Expr {
	switch st := st.(type) {
	case *ast.AssignStmt:
		if len(st.Lhs) == 1 && len(st.Rhs) == 1 && isVar(info, st.Lhs[0], v) && (st.Tok.String() == "=" || st.Tok.String() == ":=") {
			return st.Rhs[0]
		}
	case *ast.DeclStmt:
		gd, ok := st.Decl.(*ast.GenDecl)
		if !ok {
			return nil
		}
		for _, spec := range gd.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if ok && len(vs.Names) == 1 && len(vs.Values) == 1 && info.Defs[vs.Names[0]] == v {
				return vs.Values[0]
			}
		}
	}
	return nil
}

// touches reports whether n assigns to v or takes its address, anywhere
// in it (closures included).
func touches(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if isVar(info, l, v) {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op.String() == "&" && isVar(info, n.X, v) {
				found = true
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				if info.Defs[name] == v {
					found = true
				}
			}
		case *ast.RangeStmt:
			if isVar(info, n.Key, v) || n.Value != nil && isVar(info, n.Value, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	return info.Uses[id] == v || info.Defs[id] == v
}
