// Package writes finds, in every package, the functions that write into
// what a pointer parameter points to (a setter: r.metric = m), and
// exports them as facts. The engine makes the same summary from SSA for
// the packages that can reach an RCU API; this analysis reads only the
// syntax, so that it is cheap enough for every package, and lets the
// update-side checks see a setter of a package that knows nothing of RCU
// (RCU2001, RCU2002 at its calls).
package writes

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Params is the fact: the indexes (the receiver, if any, is 0) of the
// pointer parameters whose memory the function writes into.
type Params struct {
	Indexes []int
}

func (*Params) AFact() {}

func (p *Params) String() string { return fmt.Sprintf("writes%v", p.Indexes) }

// Result answers for the package analysed and its dependencies.
type Result struct {
	pass  *analysis.Pass
	funcs map[*types.Func][]int
}

// Of returns the parameters fn writes through, or nil.
func (r *Result) Of(fn *types.Func) []int {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if ps, ok := r.funcs[fn]; ok {
		return ps
	}
	var p Params
	if fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(fn, &p) {
		return p.Indexes
	}
	return nil
}

// Analyzer finds the functions that write through their parameters.
var Analyzer = &analysis.Analyzer{
	Name:       "rcuwrites",
	Doc:        "finds the functions that write into what their pointer parameters point to, for rcuvet's update-side checks",
	Run:        run,
	FactTypes:  []analysis.Fact{(*Params)(nil)},
	ResultType: reflect.TypeFor[*Result](),
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{pass: pass, funcs: make(map[*types.Func][]int)}
	if isStd(pass) {
		// The standard library's types keep their own state (a
		// Mutex, a Buffer): a call of their methods is no update.
		return r, nil
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			params := pointerParams(pass.TypesInfo, fd)
			if len(params) == 0 {
				continue
			}
			var out []int
			locked := lockedParams(pass.TypesInfo, fd.Body, params)
			note := func(e ast.Expr) {
				if locked[rootVar(pass.TypesInfo, e)] {
					return // a write under the object's own lock
				}
				if i, ok := params[rootVar(pass.TypesInfo, e)]; ok && e != nil && !slices.Contains(out, i) {
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
						if _, builtin := pass.TypesInfo.Uses[id].(*types.Builtin); builtin {
							note(n.Args[0])
						}
					}
				}
				return true
			})
			if len(out) > 0 {
				slices.Sort(out)
				r.funcs[fn] = out
				pass.ExportObjectFact(fn, &Params{out})
			}
		}
	}
	return r, nil
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
