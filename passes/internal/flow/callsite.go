package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Fixes in messages name the call to write, as the user writes it:
// st.dom.Barrier(), rcuapi.ReadUnlock(s).

// callAt returns the call expression of the package whose opening
// parenthesis (the position SSA gives a call) or start is at lparen, or
// nil; for a deferred call or a go statement, its position.
func (e *engine) callAt(lparen token.Pos) *ast.CallExpr {
	if !lparen.IsValid() {
		return nil
	}
	for _, f := range e.pass.Files {
		if lparen < f.FileStart || lparen > f.FileEnd {
			continue
		}
		var found *ast.CallExpr
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil || n == nil || lparen < n.Pos() || lparen >= n.End() {
				return false
			}
			switch n := n.(type) {
			case *ast.CallExpr:
				if n.Lparen == lparen || n.Pos() == lparen {
					found = n
				}
			case *ast.DeferStmt:
				if n.Defer == lparen {
					found = n.Call
				}
			case *ast.GoStmt:
				if n.Go == lparen {
					found = n.Call
				}
			}
			return true
		})
		return found
	}
	return nil
}

// sameReceiver renders the call at lparen with its function or method
// name replaced by name and its arguments by args: the call at
// c.dom.Synchronize() gives c.dom.Barrier(), the one at
// rcuapi.Synchronize() gives rcuapi.Barrier(). It returns "" if there is
// no such call.
func (e *engine) sameReceiver(lparen token.Pos, name string, args ...string) string {
	c := e.callAt(lparen)
	if c == nil {
		return ""
	}
	sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
	if !ok || !e.hasMember(sel.X, name) {
		return ""
	}
	return types.ExprString(sel.X) + "." + name + "(" + strings.Join(args, ", ") + ")"
}

// hasMember reports whether x.name names something: a function of the
// package x names, or a method of x's type.
func (e *engine) hasMember(x ast.Expr, name string) bool {
	info := e.pass.TypesInfo
	if id, ok := ast.Unparen(x).(*ast.Ident); ok {
		if pn, ok := info.Uses[id].(*types.PkgName); ok {
			return pn.Imported().Scope().Lookup(name) != nil
		}
	}
	t := info.TypeOf(x)
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, e.pass.Pkg, name)
	_, isFunc := obj.(*types.Func)
	return isFunc
}

// argsAt renders the arguments of the call at lparen.
func (e *engine) argsAt(lparen token.Pos) []string {
	c := e.callAt(lparen)
	if c == nil {
		return nil
	}
	out := make([]string, len(c.Args))
	for i, a := range c.Args {
		out[i] = types.ExprString(a)
	}
	return out
}
