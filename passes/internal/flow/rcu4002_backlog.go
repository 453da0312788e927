package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

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
			for i, node := range path {
				switch loop := node.(type) {
				case *ast.FuncDecl, *ast.FuncLit:
					return true
				case *ast.ForStmt:
					// One Call, then out (a retry loop that ends with it):
					// bounded by this loop, perhaps not by one around it.
					if loop.Cond == nil && !leavesLoop(info, path[:i+1]) && !e.limits(loop.Body) {
						e.reportUnboundedCall(call, fn, loop, "a loop with no condition")
						return true
					}
					if what := streamCond(info, loop.Cond); what != "" && !leavesLoop(info, path[:i+1]) && !e.limits(loop.Body) {
						e.reportUnboundedCall(call, fn, loop, what)
						return true
					}
				case *ast.RangeStmt:
					if what := e.unboundedRange(info, loop); what != "" && !leavesLoop(info, path[:i+1]) && !e.limits(loop.Body) {
						e.reportUnboundedCall(call, fn, loop, what)
						return true
					}
				}
			}
			return true
		})
	}
}

// leavesLoop reports whether the statement that holds a call is followed,
// in its block or a block around it within the loop, by one that leaves the
// loop for good: a return, a panic, or a break out of it. path runs
// from the call (first) to the loop (last). A Call so placed runs once per
// run of the loop, however long the loop retries before it
// (for { ...; if p.CompareAndSwap(old, next) { rcuapi.Call(f); return } }).
func leavesLoop(info *types.Info, path []ast.Node) bool {
	for i := 1; i < len(path)-1; i++ {
		var body []ast.Stmt
		switch n := path[i].(type) {
		case *ast.BlockStmt:
			body = n.List
		case *ast.CaseClause:
			body = n.Body
		case *ast.CommClause:
			body = n.Body
		default:
			continue
		}
		at := slices.IndexFunc(body, func(st ast.Stmt) bool { return ast.Node(st) == path[i-1] })
		if at < 0 {
			continue
		}
		// A plain break ends the innermost for, range, switch or select
		// around it: the loop only if there is none in between.
		nested := slices.ContainsFunc(path[i+1:len(path)-1], func(n ast.Node) bool {
			switch n.(type) {
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				return true
			}
			return false
		})
		if slices.ContainsFunc(body[at+1:], func(st ast.Stmt) bool { return ends(info, st, nested) }) {
			return true
		}
	}
	return false
}

// ends reports whether st leaves the loop around it for good: a return, a
// panic, or a break (labelled or not) with no for, range, switch or select
// between it and the loop for it to end instead.
func ends(info *types.Info, st ast.Stmt, nested bool) bool {
	switch st := st.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return st.Tok == token.BREAK && !nested
	case *ast.ExprStmt:
		if c, ok := st.X.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
					return true
				}
			}
		}
	}
	return false
}

// streamConds are the methods whose result, as a loop's condition, makes
// it run once per item of an input stream that has no end known in
// advance (a connection, a file, query results).
var streamConds = map[string]bool{
	"bufio.Scanner.Scan": true, "database/sql.Rows.Next": true, "encoding/json.Decoder.More": true,
}

// streamCond says what input stream a loop condition reads, or "".
func streamCond(info *types.Info, cond ast.Expr) string {
	call, ok := ast.Unparen(cond).(*ast.CallExpr)
	if !ok {
		return ""
	}
	fn := calleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return ""
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !streamConds[fn.Pkg().Path()+"."+n.Obj().Name()+"."+fn.Name()] {
		return ""
	}
	return "a loop over a stream of input (" + n.Obj().Name() + "." + fn.Name() + ")"
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
