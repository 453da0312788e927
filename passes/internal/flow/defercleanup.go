package flow

import (
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// A deferred Cleanup (defer d.Cleanup()) runs when the function returns:
// after the Barriers the function made on the way, and after the Barriers
// it deferred later (deferred calls run last in, first out), but before
// those it deferred earlier. checkDeferredCleanup reports (RCU6004) a
// deferred Cleanup of a domain on which the package queues callbacks when
// some path returns with no Barrier of it before the Cleanup runs.

// cleanupState is what holds on every path to a point (done, after), or on
// some path (pending).
type cleanupState struct {
	done    map[string]bool      // Barrier made, not deferred
	after   map[string]bool      // Barrier deferred after the Cleanup was deferred: it runs first
	pending map[string]token.Pos // Cleanup deferred: class -> the defer
}

func (s cleanupState) clone() cleanupState {
	return cleanupState{maps.Clone(s.done), maps.Clone(s.after), maps.Clone(s.pending)}
}

func intersect(a, b map[string]bool) (map[string]bool, bool) {
	changed := false
	for k := range a {
		if !b[k] {
			delete(a, k)
			changed = true
		}
	}
	return a, changed
}

// join merges o into s and reports whether s changed.
func (s *cleanupState) join(o cleanupState) bool {
	var c1, c2 bool
	s.done, c1 = intersect(s.done, o.done)
	s.after, c2 = intersect(s.after, o.after)
	c3 := mergeInto(s.pending, o.pending)
	return c1 || c2 || c3
}

// cleanupClass returns the class of the domain a Cleanup call cleans up,
// or "".
func (e *engine) cleanupClass(c *ssa.CallCommon) string {
	fn := c.StaticCallee()
	if fn == nil {
		return ""
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return ""
	}
	if role, ok := e.model.Lookup(obj).Has(apisem.Cleanup); ok {
		return classOf(c, role.Domain)
	}
	return ""
}

func (e *engine) checkDeferredCleanup(fn *ssa.Function, posts map[string]token.Pos) {
	found := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok {
				if _, ok := posts[e.cleanupClass(d.Common())]; ok {
					found = true
				}
			}
		}
	}
	if !found {
		return
	}
	step := func(b *ssa.BasicBlock, st cleanupState, report func(class string, at token.Pos)) cleanupState {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				for _, class := range e.teardownCall(v.Common(), teardownState{}, false).barriers {
					st.done[class] = true
				}
			case *ssa.Defer:
				if class := e.cleanupClass(v.Common()); class != "" {
					if _, ok := posts[class]; ok {
						if _, ok := st.pending[class]; !ok {
							st.pending[class] = v.Pos()
						}
						delete(st.after, class) // only Barriers deferred from here on run before it
					}
				}
				for _, class := range e.teardownCall(v.Common(), teardownState{}, true).deferred {
					if _, ok := st.pending[class]; ok {
						st.after[class] = true
					}
				}
			case *ssa.Return:
				if report != nil {
					for _, class := range slices.Sorted(maps.Keys(st.pending)) {
						if !st.done[class] && !st.after[class] {
							report(class, st.pending[class])
						}
					}
				}
			}
		}
		return st
	}
	in := forward(fn, cleanupState{map[string]bool{}, map[string]bool{}, map[string]token.Pos{}},
		cleanupState.clone, (*cleanupState).join,
		func(b *ssa.BasicBlock, st cleanupState) cleanupState { return step(b, st, nil) })
	reported := make(map[string]bool)
	for _, b := range fn.Blocks {
		if in[b.Index] == nil {
			continue
		}
		step(b, in[b.Index].clone(), func(class string, at token.Pos) {
			if !reported[class] {
				reported[class] = true
				e.result.Events = append(e.result.Events, Event{Kind: CleanupWithCallbacks, Pos: at, Domain: className(class), Related: posts[class], Func: fn.RelString(fn.Pkg.Pkg)})
			}
		})
	}
}
