package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// checkExit checks one module's exit function: it must wait with Barrier
// for each domain on which the package queues callbacks.
func (e *engine) checkExit(fn *ssa.Function, at token.Pos, classes []string, posts map[string]token.Pos) {
	var syncs []struct {
		class string
		pos   token.Pos
		call  *ssa.CallCommon
	}
	done := e.mustTeardown(fn, func(c *ssa.CallCommon, pos token.Pos, st teardownState) {
		if callee := c.StaticCallee(); callee != nil {
			if obj, ok := callee.Object().(*types.Func); ok {
				if role, ok := e.model.Lookup(obj).Has(apisem.Sync); ok {
					syncs = append(syncs, struct {
						class string
						pos   token.Pos
						call  *ssa.CallCommon
					}{classOf(c, role.Domain), pos, c})
				}
			}
		}
	})
	name := fn.Name()
	if fn.Parent() != nil {
		name = "the Exit function literal"
	}
	for _, class := range classes {
		if slices.Contains(done.barriers, class) {
			continue
		}
		reported := false
		if !e.callsBarrier(fn, class) {
			for _, s := range syncs {
				if s.class == class {
					var fix *FixHint
					if len(s.call.Args) == 0 || (s.call.Signature() != nil && s.call.Signature().Recv() != nil && len(s.call.Args) == 1) {
						fix = e.barrierFix(s.pos)
					}
					e.result.Events = append(e.result.Events, Event{Kind: ExitSyncNotBarrier, Pos: s.pos, Domain: className(class), Callee: name, Related: posts[class], Fix: fix})
					reported = true
				}
			}
		}
		if !reported {
			pos := fn.Pos()
			if pos == token.NoPos {
				pos = at
			}
			e.result.Events = append(e.result.Events, Event{Kind: ExitMissingBarrier, Pos: pos, Domain: className(class), Callee: name, Related: posts[class], How: barrierCall(class)})
		}
	}
}

// barrierFix replaces the name of the Synchronize call at pos with
// Barrier.
func (e *engine) barrierFix(pos token.Pos) *FixHint {
	for _, f := range e.pass.Files {
		if f.FileStart > pos || pos >= f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				continue
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return nil
			}
			return &FixHint{Message: "Wait for the callbacks with Barrier", Pos: sel.Sel.Pos(), End: sel.Sel.End(), Text: "Barrier"}
		}
	}
	return nil
}

// callsBarrier reports whether fn calls Barrier for class on some path: an
// Exit that does so but misses a path needs RCU6001, not a Barrier in place
// of its Synchronize.
func (e *engine) callsBarrier(fn *ssa.Function, class string) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			st := e.teardownCall(c.Common(), teardownState{}, false)
			if slices.Contains(st.barriers, class) {
				return true
			}
		}
	}
	return false
}
