package flow

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// checkExits checks the modules of the package: each Exit must wait with
// Barrier for every domain on which the package queues callbacks (RCU6001,
// RCU6002 where it waits for a grace period instead), after the code that
// stops the posting (RCU6003); a package that queues callbacks must give
// its modules an Exit (RCU6001, rcu6001_noexit.go).
func (e *engine) checkExits(funcs []*ssa.Function, td *teardown) {
	if len(td.exits) == 0 {
		e.checkModulesWithoutExit(funcs, td.classes, td.posts)
		return
	}
	signals := e.posterSignals(funcs) // rcu6003_stoporder.go
	e.checkUnstoppable(funcs)         // rcu6003_stoporder.go
	seen := make(map[*ssa.Function]bool)
	for _, x := range td.exits {
		fn := exitFn(x.val)
		if fn == nil || seen[fn] || fn.Pkg == nil || fn.Pkg.Pkg != e.pass.Pkg {
			continue
		}
		seen[fn] = true
		e.checkExitBarriers(fn, x.pos, td.classes, td.posts)
		e.checkStopOrder(fn, signals)
	}
}

// checkExitBarriers checks one module's exit function: it must wait with
// Barrier for each domain on which the package queues callbacks.
func (e *engine) checkExitBarriers(fn *ssa.Function, at token.Pos, classes []ident.Class, posts map[ident.Class]token.Pos) {
	type syncCall struct {
		class ident.Class
		pos   token.Pos
		call  *ssa.CallCommon
	}
	var syncs []syncCall
	done := e.mustTeardown(fn, func(c *ssa.CallCommon, pos token.Pos, st teardownState) {
		if c == nil {
			return // a return
		}
		if callee := c.StaticCallee(); callee != nil {
			if obj, ok := callee.Object().(*types.Func); ok {
				if role, ok := e.model.Lookup(obj).Has(apisem.Sync); ok {
					syncs = append(syncs, syncCall{classOf(c, role.Domain), pos, c})
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
					f := e.report(exitSyncNotBarrier, s.pos, fmt.Sprintf("%s, a module's Exit, waits for a grace period of %s, but this package queues callbacks there (at %s) and a grace period does not wait for callbacks: call %s instead", name, class.ShortDomainName(), e.at(posts[class]), cmp.Or(e.sameReceiver(s.pos, "Barrier"), "Barrier")), rel(posts[class], "a callback is queued here"))
					f.Fix = fix
					reported = true
				}
			}
		}
		if !reported {
			pos := fn.Pos()
			if pos == token.NoPos {
				pos = at
			}
			e.report(exitMissingBarrier, pos, fmt.Sprintf("%s, a module's Exit, does not wait on every path for the callbacks this package queues on %s (at %s): they could run after the module is gone; stop queueing them, then call %s before Exit returns", name, class.ShortDomainName(), e.at(posts[class]), e.barrierCall(class)), rel(posts[class], "a callback is queued here"))
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
func (e *engine) callsBarrier(fn *ssa.Function, class ident.Class) bool {
	for instr := range instructions(fn) {
		c, ok := instr.(ssa.CallInstruction)
		if !ok {
			continue
		}
		st := e.teardownCall(c.Common(), teardownState{}, false)
		if slices.Contains(st.barriers, class) {
			return true
		}
	}
	return false
}
