package flow

import (
	"fmt"
	"go/ast"
	"go/token"
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
					if what := e.unboundedRange(info, loop); what != "" && !e.limits(loop.Body) {
						e.reportUnboundedCall(call, fn, loop, what)
						return true
					}
				}
			}
			return true
		})
	}
}

// unboundedRange says what unbounded thing a range loop ranges over, or "":
// a channel, or an iterator that is no traversal of a collection (one an
// RCU API or the slices, maps, strings or bytes package returns).
func (e *engine) unboundedRange(info *types.Info, r *ast.RangeStmt) string {
	switch info.TypeOf(r.X).Underlying().(type) {
	case *types.Chan:
		return "a loop over a channel"
	case *types.Signature:
		if call, ok := ast.Unparen(r.X).(*ast.CallExpr); ok {
			if fn := calleeFunc(info, call); fn != nil {
				if e.model.Lookup(fn) != nil {
					return "" // List.All, Map.Range, Modules: a collection
				}
				switch fn.Pkg().Path() {
				case "slices", "maps", "strings", "bytes":
					return ""
				}
			}
		}
		return "a loop over an iterator"
	}
	return ""
}

// limits reports whether a loop body waits for a grace period or for
// callbacks, looks at the backlog (on its own or through a function it
// calls), or waits for a tick of a clock (a receive from a time.Ticker's,
// a time.Timer's or time.After's channel).
func (e *engine) limits(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW && isTimeChan(e.pass.TypesInfo.TypeOf(u.X)) {
			found = true // paced by a ticker or timer: one round per tick
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
	e.report(unboundedCall, call.Pos(), fmt.Sprintf("%s in %s (at %s) with nothing in it that limits the backlog: if grace periods slow down, callbacks pile up without bound; wait now and then (Synchronize, or Barrier every N), or stall while Pending() is above a limit", fn.Name(), what, e.at(loop.Pos())), rel(loop.Pos(), "the loop"))
}

// isTimeChan reports whether t is a channel of time.Time.
func isTimeChan(t types.Type) bool {
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	n, ok := types.Unalias(ch.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Time"
}
