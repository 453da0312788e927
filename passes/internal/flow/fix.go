package flow

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// released reports whether anything in the group ends section token i:
// then a fix that adds a release could end it twice.
func (g *group) released(i int) bool {
	ends := func(c *ssa.CallCommon) bool {
		_, api, sum := g.callee(c)
		if role, ok := api.Has(apisem.Release); ok && role.Arg < len(c.Args) && g.under(g.secOf(c.Args[role.Arg]))&bit(i) != 0 {
			return true
		}
		for _, a := range c.Args {
			if g.under(g.secOf(a))&bit(i) != 0 && (sum != nil || c.StaticCallee() == nil) {
				return true // handed to a helper: it may end it
			}
			if root := g.memRoot(a); root != nil && g.mem[root]&bit(i) != 0 {
				return true
			}
		}
		return false
	}
	for _, f := range g.fns {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(ssa.CallInstruction); ok && ends(c.Common()) {
					return true
				}
			}
		}
	}
	for _, anon := range g.root.AnonFuncs {
		if sum := g.e.summaries[anon]; sum != nil && len(sum.Releases) > 0 {
			return true
		}
	}
	return g.stored(i)
}

// deferFix returns the fix for a section that is never ended: end it with
// a deferred release right after the statement that begins it, when that
// statement is a plain "s := x.Acquire()".
func (g *group) deferFix(t *tok) *FixHint {
	if t.api == nil {
		return nil
	}
	rel := g.e.model.ReleaseFor(t.api)
	if rel == nil {
		return nil
	}
	pass := g.e.pass
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= t.pos && t.pos < f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, t.pos, t.pos)
	var call *ast.CallExpr
	var assign *ast.AssignStmt
	for _, n := range path {
		if c, ok := n.(*ast.CallExpr); ok && call == nil {
			call = c
		}
		if a, ok := n.(*ast.AssignStmt); ok {
			assign = a
			break
		}
	}
	if call == nil || assign == nil || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 || assign.Rhs[0] != call {
		return nil
	}
	id, ok := assign.Lhs[0].(*ast.Ident)
	sel, ok2 := call.Fun.(*ast.SelectorExpr)
	if !ok || !ok2 || id.Name == "_" {
		return nil
	}
	indent := strings.Repeat("\t", max(pass.Fset.Position(assign.Pos()).Column-1, 0))
	text := "\n" + indent + "defer " + types.ExprString(sel.X) + "." + rel.Name() + "(" + id.Name + ")"
	return &FixHint{Message: "End the section with a deferred " + rel.Name(), Pos: assign.End(), Text: text}
}
