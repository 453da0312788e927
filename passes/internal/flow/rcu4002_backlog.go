package flow

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ast/astutil"
)

// checkBacklog records callbacks queued in an unbounded loop (one with no
// condition, or ranging over a channel or an iterator function) whose body
// has nothing that limits the backlog: a grace-period or barrier wait, or
// a look at the backlog (directive pending). (RCU4002)
func (e *engine) checkBacklog() {
	info := e.pass.TypesInfo
	for _, f := range e.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn := calleeFunc(info, call)
			if _, ok := e.model.Lookup(fn).Has(apisem.Call); !ok {
				return true
			}
			path, _ := astutil.PathEnclosingInterval(f, call.Pos(), call.End())
			for _, node := range path {
				switch loop := node.(type) {
				case *ast.FuncDecl, *ast.FuncLit:
					return true
				case *ast.ForStmt:
					if loop.Cond == nil && !e.limits(loop.Body) {
						e.reportUnboundedCall(call, fn, loop, "a loop with no condition")
						return true
					}
				case *ast.RangeStmt:
					if what := unboundedRange(info, loop); what != "" && !e.limits(loop.Body) {
						e.reportUnboundedCall(call, fn, loop, what)
						return true
					}
				}
			}
			return true
		})
	}
}

// unboundedRange says what unbounded thing a range loop ranges over, or "".
func unboundedRange(info *types.Info, r *ast.RangeStmt) string {
	switch info.TypeOf(r.X).Underlying().(type) {
	case *types.Chan:
		return "a loop over a channel"
	case *types.Signature:
		return "a loop over an iterator"
	}
	return ""
}

// limits reports whether a loop body waits for a grace period or for
// callbacks, or looks at the backlog, on its own or through a function it
// calls.
func (e *engine) limits(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := calleeFunc(e.pass.TypesInfo, call)
		if fn == nil {
			return true
		}
		api := e.model.Lookup(fn)
		for _, k := range []apisem.Kind{apisem.Sync, apisem.Barrier, apisem.Pending} {
			if _, ok := api.Has(k); ok {
				found = true
			}
		}
		if m := e.blocking.Func(fn); m != nil && m.GraceWhy != "" {
			found = true
		}
		return !found
	})
	return found
}

// calleeFunc returns the function or method a call statically calls.
func calleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		fn, _ := info.Uses[fun].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[fun]; ok {
			if fn, ok := sel.Obj().(*types.Func); ok && !types.IsInterface(sel.Recv()) {
				return fn
			}
			return nil
		}
		fn, _ := info.Uses[fun.Sel].(*types.Func)
		return fn
	case *ast.IndexExpr:
		return calleeFunc(info, &ast.CallExpr{Fun: fun.X})
	case *ast.IndexListExpr:
		return calleeFunc(info, &ast.CallExpr{Fun: fun.X})
	}
	return nil
}

// reportUnboundedCall records call of fn in loop, which is what.
func (e *engine) reportUnboundedCall(call *ast.CallExpr, fn *types.Func, loop ast.Node, what string) {
	e.report(unboundedCall, call.Pos(), fmt.Sprintf("%s in %s (at %s) with nothing in it that limits the backlog: if grace periods slow down, callbacks pile up without bound; wait now and then (Synchronize, or Barrier every N), or stall while Pending() is above a limit", fn.Name(), what, e.at(loop.Pos())), loop.Pos())
}
