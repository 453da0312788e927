package flow

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// Sections left open by a continue (RCU1003). A loop that begins a section
// in each iteration and skips its end with a continue leaves it open: the
// next iteration begins another, and the leak shows only where the
// function returns, or, for a QSBR reader, where the next quiescent state
// (Offline, Quiescent) silently ends it. The fix goes at the continue, so
// the report does.

// leakingContinue returns the position of the first continue, after the
// section begun at acquire and before any end of a section in source
// order, in the innermost loop around acquire, that goes back to that loop;
// token.NoPos if there is none.
func (e *engine) leakingContinue(acquire token.Pos) token.Pos {
	for _, f := range e.pass.Files {
		if acquire < f.FileStart || acquire > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, acquire, acquire)
		var loop ast.Node
		var body *ast.BlockStmt
		for _, n := range path {
			switch l := n.(type) {
			case *ast.ForStmt:
				loop, body = l, l.Body
			case *ast.RangeStmt:
				loop, body = l, l.Body
			case *ast.FuncDecl, *ast.FuncLit:
				return token.NoPos
			}
			if loop != nil {
				break
			}
		}
		if body == nil {
			return token.NoPos
		}
		found := token.NoPos
		ended := false
		ast.Inspect(body, func(n ast.Node) bool {
			if found.IsValid() || ended || n == nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
				return n.Pos() < acquire && acquire < n.End() // only the loop that holds the acquire
			case *ast.CallExpr:
				if n.Pos() > acquire && e.endsSection(n) {
					ended = true
					return false
				}
			case *ast.BranchStmt:
				if n.Tok == token.CONTINUE && n.Pos() > acquire && n.Label == nil {
					found = n.Pos()
				}
			}
			return true
		})
		return found
	}
	return token.NoPos
}

// endsSection reports whether a call, in syntax, ends a section: a
// release API (ReadUnlock), or a quiescent state of a QSBR handle.
func (e *engine) endsSection(call *ast.CallExpr) bool {
	fn := calleeFunc(e.pass.TypesInfo, call)
	if fn == nil {
		return false
	}
	api := e.model.Lookup(fn)
	if _, ok := api.Has(apisem.Release); ok {
		return true
	}
	_, ok := api.Has(apisem.Quiescent)
	return ok
}

// checkQuiescentLeak reports a QSBR section that a quiescent state (Offline,
// Quiescent) finds still open because a continue skipped its end.
func (w *walker) checkQuiescentLeak(c *ssa.Call, state []tstate) {
	g := w.g
	callee, api, _ := g.callee(c.Common())
	role, ok := api.Has(apisem.Quiescent)
	if !ok || callee == nil {
		return
	}
	g.sectionsOf(g.domainOf(c.Common(), role.Domain)).each(func(i int) {
		t := g.toks[i]
		if t.fn != w.f || state[i].st == ended || state[i].deferred {
			return
		}
		if at := g.e.leakingContinue(t.pos); at.IsValid() {
			w.reportLeak(i, at, callee.Name())
		}
	})
}
