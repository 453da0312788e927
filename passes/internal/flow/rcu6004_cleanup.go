package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
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
	done    map[ident.Class]bool      // Barrier made, not deferred
	after   map[ident.Class]bool      // Barrier deferred after the Cleanup was deferred: it runs first
	pending map[ident.Class]token.Pos // Cleanup deferred: class -> the defer
}

func (s cleanupState) clone() cleanupState {
	return cleanupState{maps.Clone(s.done), maps.Clone(s.after), maps.Clone(s.pending)}
}

func intersect(a, b map[ident.Class]bool) (map[ident.Class]bool, bool) {
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
// or the unknown class.
func (e *engine) cleanupClass(c *ssa.CallCommon) ident.Class {
	fn := c.StaticCallee()
	if fn == nil {
		return ident.Class{}
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return ident.Class{}
	}
	if role, ok := e.model.Lookup(obj).Has(apisem.Cleanup); ok {
		return classOf(c, role.Domain)
	}
	return ident.Class{}
}

func (e *engine) checkDeferredCleanup(fn *ssa.Function, posts map[ident.Class]token.Pos) {
	found := false
	for instr := range instructions(fn) {
		if d, ok := instr.(*ssa.Defer); ok {
			if _, ok := posts[e.cleanupClass(d.Common())]; ok {
				found = true
			}
		}
	}
	if !found {
		return
	}
	step := func(b *ssa.BasicBlock, st cleanupState, report func(class ident.Class, at token.Pos)) cleanupState {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				for _, class := range e.teardownCall(v.Common(), teardownState{}, false).barriers {
					st.done[class] = true
				}
			case *ssa.Defer:
				if class := e.cleanupClass(v.Common()); class.Known() {
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
					for _, class := range slices.SortedFunc(maps.Keys(st.pending), ident.Compare) {
						if !st.done[class] && !st.after[class] {
							report(class, st.pending[class])
						}
					}
				}
			}
		}
		return st
	}
	in := forward(fn, cleanupState{map[ident.Class]bool{}, map[ident.Class]bool{}, map[ident.Class]token.Pos{}},
		cleanupState.clone, (*cleanupState).join,
		func(b *ssa.BasicBlock, st cleanupState) cleanupState { return step(b, st, nil) }, nil)
	reported := make(map[ident.Class]bool)
	for _, b := range fn.Blocks {
		if in[b.Index] == nil {
			continue
		}
		step(b, in[b.Index].clone(), func(class ident.Class, at token.Pos) {
			if !reported[class] {
				reported[class] = true
				e.reportCleanupWithCallbacks(at, class.ShortDomainName(), posts[class])
			}
		})
	}
}

// An SRCU domain made inside a function (rcuapi.NewSRCU, or a local
// rcuapi.SRCU variable) has no class: it is no package variable and no
// field. checkLocalCleanup follows such a domain through the function
// that makes it and reports (RCU6004) its Cleanup where a callback queued
// on it, by the function or by a helper it hands the domain to, may not
// have been waited for with Barrier since.

// localOps returns what call c does to local domains: the domains it
// queues callbacks on, waits for with Barrier, and cleans up.
func (e *engine) localOps(c *ssa.CallCommon) (posts, barriers, cleanups []ident.Class) {
	fn := c.StaticCallee()
	if fn == nil {
		return
	}
	arg := func(i int) ident.Class {
		if i >= 0 && i < len(c.Args) {
			return localDomain(c.Args[i])
		}
		return ident.Class{}
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if api := e.model.Lookup(obj); api != nil {
			for _, r := range api.Roles {
				k := arg(r.Domain)
				if !k.Known() {
					continue
				}
				switch r.Kind {
				case apisem.Call:
					if r.Arg < len(c.Args) && e.belongs(c.Args[r.Arg]) {
						posts = append(posts, k)
					}
				case apisem.Barrier:
					barriers = append(barriers, k)
				case apisem.Cleanup:
					cleanups = append(cleanups, k)
				}
			}
			return
		}
	}
	if sum := e.summaryOf(fn); sum != nil {
		param := func(class ident.Class) ident.Class {
			if class.IsParam() {
				return arg(class.Param)
			}
			return ident.Class{}
		}
		for _, p := range sum.Posts {
			if k := param(p.Domain); k.Known() && p.Param < len(c.Args) && e.belongs(c.Args[p.Param]) {
				posts = append(posts, k)
			}
		}
		for _, b := range sum.Barriers {
			if k := param(b); k.Known() {
				barriers = append(barriers, k)
			}
		}
	}
	return
}

func (e *engine) checkLocalCleanup(fn *ssa.Function) {
	any := false
	for instr := range instructions(fn) {
		if c, ok := instr.(*ssa.Call); ok {
			if p, _, _ := e.localOps(c.Common()); len(p) > 0 {
				any = true
			}
		}
	}
	if !any {
		return
	}
	// The state: the local domains on which a callback may have been
	// queued with no Barrier since (on some path), and where; the
	// Cleanups and Barriers deferred, which run at return, last in first
	// out.
	type state struct{ pending, dclean, dbarrier map[ident.Class]token.Pos }
	clone := func(s state) state {
		return state{maps.Clone(s.pending), maps.Clone(s.dclean), maps.Clone(s.dbarrier)}
	}
	step := func(b *ssa.BasicBlock, st state, report func(at token.Pos, k ident.Class, posted token.Pos)) state {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				posts, barriers, cleanups := e.localOps(v.Common())
				for _, k := range cleanups {
					if at, ok := st.pending[k]; ok && report != nil {
						report(v.Pos(), k, at)
					}
				}
				for _, k := range barriers {
					delete(st.pending, k)
				}
				for _, k := range posts {
					if _, ok := st.pending[k]; !ok {
						st.pending[k] = v.Pos()
					}
				}
			case *ssa.Defer:
				barriers, cleanups := e.deferredLocalOps(v)
				for _, k := range cleanups {
					if _, ok := st.dclean[k]; !ok {
						st.dclean[k] = v.Pos()
					}
				}
				for _, k := range barriers {
					st.dbarrier[k] = v.Pos()
				}
			case *ssa.Return:
				if report == nil {
					continue
				}
				for k, at := range st.dclean {
					if bp, ok := st.dbarrier[k]; ok && e.comparePos(bp, at) > 0 {
						continue // a Barrier deferred after the Cleanup runs before it
					}
					if posted, ok := st.pending[k]; ok {
						report(at, k, posted)
					}
				}
			}
		}
		return st
	}
	init := state{map[ident.Class]token.Pos{}, map[ident.Class]token.Pos{}, map[ident.Class]token.Pos{}}
	in := forward(fn, init, clone,
		func(dst *state, src state) bool {
			a := mergeInto(dst.pending, src.pending)
			b := mergeInto(dst.dclean, src.dclean)
			c := mergeInto(dst.dbarrier, src.dbarrier)
			return a || b || c
		},
		func(b *ssa.BasicBlock, st state) state { return step(b, st, nil) }, nil)
	reported := make(map[token.Pos]bool)
	for _, b := range fn.Blocks {
		if in[b.Index] == nil {
			continue
		}
		step(b, clone(*in[b.Index]), func(at token.Pos, k ident.Class, posted token.Pos) {
			if reported[at] {
				return
			}
			reported[at] = true
			name := "the SRCU domain made in " + fn.Name()
			for instr := range instructions(fn) {
				if a, ok := instr.(*ssa.Alloc); ok && a.Pos() == k.Pos && a.Comment != "" {
					name = "SRCU domain " + a.Comment
				}
			}
			e.reportCleanupWithCallbacks(at, name, posted)
		})
	}
}

// deferredLocalOps returns the local domains a deferred call waits for
// with Barrier and cleans up: the call itself, or the calls of a deferred
// function literal on the domains it captures.
func (e *engine) deferredLocalOps(d *ssa.Defer) (barriers, cleanups []ident.Class) {
	c := d.Common()
	mc, ok := c.Value.(*ssa.MakeClosure)
	if !ok {
		_, barriers, cleanups = e.localOps(c)
		return
	}
	fn := mc.Fn.(*ssa.Function)
	for instr := range instructions(fn) {
		ci, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		// Map the literal's free variables to what it captures.
		args := make([]ssa.Value, len(ci.Call.Args))
		for i, a := range ci.Call.Args {
			args[i] = a
			if ld, ok := a.(*ssa.UnOp); ok && ld.Op == token.MUL {
				a = ld.X
			}
			for j, fv := range fn.FreeVars {
				if fv == a && j < len(mc.Bindings) {
					args[i] = mc.Bindings[j]
				}
			}
		}
		cc := ci.Call
		cc.Args = args
		_, b, cl := e.localOps(&cc)
		barriers = append(barriers, b...)
		cleanups = append(cleanups, cl...)
	}
	return
}

// reportCleanupWithCallbacks records a Cleanup at pos of the domain named
// domain, on which a callback queued at posted may still be queued.
func (e *engine) reportCleanupWithCallbacks(pos token.Pos, domain string, posted token.Pos) {
	barrier := "Barrier"
	if call := e.sameReceiver(pos, "Barrier"); call != "" {
		barrier = call
	}
	e.report(cleanupWithCallbacks, pos, fmt.Sprintf("Cleanup of %s while callbacks may be queued: this package queues callbacks there (at %s) and no Barrier of that domain comes first on every path; Cleanup drops what is still queued: call %s before it", domain, e.at(posted), barrier), rel(posted, "a callback is queued here"))
}
