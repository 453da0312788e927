package flow

import (
	"go/token"
	"go/types"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// Module exit and SRCU teardown. A module's Exit must wait, with the
// matching Barrier, for every callback its package queued (or had queued
// on its behalf) before the module goes away; an SRCU domain must not be
// cleaned up with callbacks queued, nor used afterwards. Domains are
// compared by class: "classic", a package variable, or a struct field
// (every value of a type keeps its domain in the same field).

// teardown is what the package's exit and cleanup checks share: the
// domains on which it queues callbacks of its own (by class, with the
// first call that does), and the places that make a function a module's
// Exit.
type teardown struct {
	posts   map[ident.Class]token.Pos
	classes []ident.Class // the classes of posts, sorted
	exits   []exitSite
	// queued holds the domains on which the package queues callbacks of
	// any package, directly or through helpers (RCU6004: a Cleanup drops
	// them all), with the first call that does.
	queued map[ident.Class]token.Pos
}

type exitSite struct {
	val ssa.Value
	pos token.Pos
}

// teardownOf finds the callbacks and exits of the package.
func (e *engine) teardownOf(funcs []*ssa.Function) *teardown {
	td := &teardown{posts: make(map[ident.Class]token.Pos), queued: make(map[ident.Class]token.Pos)}
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			switch v := instr.(type) {
			case *ssa.Call:
				e.eachPost(v.Common(), func(cb ssa.Value, class ident.Class) {
					if class.Known() && !class.IsParam() && e.belongs(cb) {
						if p, ok := td.posts[class]; !ok || e.comparePos(v.Pos(), p) < 0 {
							td.posts[class] = v.Pos()
						}
					}
				})
				if x, ok := e.exitStoreViaCall(v.Common()); ok {
					td.exits = append(td.exits, exitSite{x, v.Pos()})
				}
				for _, class := range e.queuesOn(v.Common()) {
					if class.Known() && !class.IsParam() {
						if p, ok := td.queued[class]; !ok || e.comparePos(v.Pos(), p) < 0 {
							td.queued[class] = v.Pos()
						}
					}
				}
			case *ssa.Store:
				if fa, ok := v.Addr.(*ssa.FieldAddr); ok && e.isExitField(fa) {
					td.exits = append(td.exits, exitSite{v.Val, v.Pos()})
				}
			}
		}
	}
	// Callbacks queued on the package's behalf from the function values it
	// stores (rcu6001_storedposts.go).
	e.storedPosts(funcs, func(d ident.Class, at ssa.Instruction) {
		if p, ok := td.posts[d]; !ok || e.comparePos(at.Pos(), p) < 0 {
			td.posts[d] = at.Pos()
		}
	})
	td.classes = slices.SortedFunc(maps.Keys(td.posts), ident.Compare)
	return td
}

// summarizeTeardown adds to fn's summary what callers need for the exit
// checks: the callbacks it queues from its parameters, the domains it
// waits for with Barrier on every path, and the parameters it makes a
// module's Exit.
func (e *engine) summarizeTeardown(fn *ssa.Function, sum *summary) {
	for instr := range instructions(fn) {
		switch v := instr.(type) {
		case *ssa.Call:
			e.eachPost(v.Common(), func(cb ssa.Value, class ident.Class) {
				if i := paramOf(fn, cb); i >= 0 {
					sum.Posts = append(sum.Posts, Post{Param: i, Domain: class})
				}
			})
			if i, ok := e.exitStoreViaCall(v.Common()); ok {
				if p := paramOf(fn, i); p >= 0 {
					sum.ExitParams = append(sum.ExitParams, p)
				}
			}
		case *ssa.Store:
			if fa, ok := v.Addr.(*ssa.FieldAddr); ok && e.isExitField(fa) {
				if p := paramOf(fn, v.Val); p >= 0 {
					sum.ExitParams = append(sum.ExitParams, p)
				}
			}
		}
	}
	for instr := range instructions(fn) {
		if c, ok := instr.(ssa.CallInstruction); ok {
			for _, class := range e.queuesOn(c.Common()) {
				if class.Known() && !slices.Contains(sum.QueuesOn, class) {
					sum.QueuesOn = append(sum.QueuesOn, class)
				}
			}
		}
	}
	slices.SortFunc(sum.QueuesOn, ident.Compare)
	summarizeStores(fn, sum) // rcu6001_storedposts.go
	ts := e.mustTeardown(fn, nil)
	sum.Barriers = ts.barriers
	sum.UsesDomains = e.usesDomains(fn)             // rcu6005_useaftercleanup.go
	sum.UsesFields, sum.Cleans = e.fieldDomains(fn) // rcu6005_useaftercleanup.go
	e.summarizeWaits(fn, sum)                       // pointers.go
	e.summarizeDestroys(fn, sum)                    // retire.go
	slices.SortFunc(sum.Posts, func(a, b Post) int {
		if a.Param != b.Param {
			return a.Param - b.Param
		}
		return ident.Compare(a.Domain, b.Domain)
	})
	sum.Posts = slices.Compact(sum.Posts)
	slices.Sort(sum.ExitParams)
	sum.ExitParams = slices.Compact(sum.ExitParams)
}

// eachPost calls f for each callback call c queues: directly, with an API
// call function, or through a helper whose summary says it queues one of
// its parameters.
func (e *engine) eachPost(c *ssa.CallCommon, f func(cb ssa.Value, class ident.Class)) {
	fn := c.StaticCallee()
	if fn == nil {
		return
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if role, ok := e.model.Lookup(obj).Has(apisem.Call); ok && role.Arg < len(c.Args) {
			if class := classOf(c, role.Domain); class.Known() {
				f(c.Args[role.Arg], class)
			}
			return
		}
	}
	if sum := e.summaryOf(fn); sum != nil {
		for _, p := range sum.Posts {
			if p.Param < len(c.Args) {
				if class := atCall(p.Domain, c); class.Known() {
					f(c.Args[p.Param], class)
				}
			}
		}
	}
}

func (e *engine) isExitField(fa *ssa.FieldAddr) bool {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return false
	}
	return e.model.IsExit(st.Field(fa.Field))
}

// exitStoreViaCall returns the argument that a helper called by c makes a
// module's Exit.
func (e *engine) exitStoreViaCall(c *ssa.CallCommon) (ssa.Value, bool) {
	fn := c.StaticCallee()
	if fn == nil {
		return nil, false
	}
	if sum := e.summaryOf(fn); sum != nil {
		for _, i := range sum.ExitParams {
			if i < len(c.Args) {
				return c.Args[i], true
			}
		}
	}
	return nil, false
}

// teardownState is what has certainly happened on every path to a point:
// the domains waited for with Barrier (or whose Barrier is deferred), and
// those cleaned up.
type teardownState struct {
	barriers []ident.Class
	deferred []ident.Class
	cleaned  []ref
	uses     []deferredUse // deferred calls that use a domain (on some path)
	cleans   []deferredUse // deferred Cleanups (on some path)
}

// deferredUse is a deferred call that uses the domain key when it runs.
type deferredUse struct {
	pos token.Pos
	key ref
	by  string
}

func joinSets[T comparable](a, b []T) []T {
	var out []T
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func addSet[T comparable](a []T, x T) []T {
	var unknown T
	if x == unknown || slices.Contains(a, x) {
		return a
	}
	return append(slices.Clone(a), x)
}

// mustTeardown computes, for fn, the domains waited for with Barrier on
// every path that returns. If visit is not nil, it is called at every call
// with the state before it.
func (e *engine) mustTeardown(fn *ssa.Function, visit func(c *ssa.CallCommon, pos token.Pos, st teardownState)) struct{ barriers []ident.Class } {
	var exit *teardownState
	step := func(b *ssa.BasicBlock, st teardownState, visit func(*ssa.CallCommon, token.Pos, teardownState)) teardownState {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				if visit != nil {
					visit(v.Common(), v.Pos(), st)
				}
				st = e.teardownCall(v.Common(), st, false)
			case *ssa.Defer:
				st = e.teardownCall(v.Common(), st, true)
			case *ssa.Return:
				if visit == nil {
					continue
				}
				visit(nil, v.Pos(), st) // the deferred calls run now
				done := teardownState{barriers: st.barriers}
				for _, d := range st.deferred {
					done.barriers = addSet(done.barriers, d)
				}
				if exit == nil {
					exit = &done
				} else {
					exit.barriers = joinSets(exit.barriers, done.barriers)
				}
			}
		}
		return st
	}
	// A must-analysis: what holds on every path.
	in := forward(fn, teardownState{}, func(s teardownState) teardownState { return s },
		func(dst *teardownState, src teardownState) bool {
			j := teardownState{
				barriers: joinSets(dst.barriers, src.barriers),
				deferred: joinSets(dst.deferred, src.deferred),
				cleaned:  joinSets(dst.cleaned, src.cleaned),
				uses:     dst.uses,
			}
			for _, u := range src.uses {
				j.uses = addSet(j.uses, u)
			}
			j.cleans = dst.cleans
			for _, u := range src.cleans {
				j.cleans = addSet(j.cleans, u)
			}
			changed := len(j.barriers) != len(dst.barriers) || len(j.deferred) != len(dst.deferred) || len(j.cleaned) != len(dst.cleaned) || len(j.uses) != len(dst.uses) || len(j.cleans) != len(dst.cleans)
			*dst = j
			return changed
		},
		func(b *ssa.BasicBlock, st teardownState) teardownState { return step(b, st, nil) }, nil)
	if visit == nil {
		visit = func(*ssa.CallCommon, token.Pos, teardownState) {}
	}
	for _, b := range fn.Blocks {
		if in[b.Index] != nil {
			step(b, *in[b.Index], visit)
		}
	}
	if exit == nil {
		return struct{ barriers []ident.Class }{}
	}
	slices.SortFunc(exit.barriers, ident.Compare)
	return struct{ barriers []ident.Class }{exit.barriers}
}

// teardownCall applies call c (deferred, if deferred) to st.
func (e *engine) teardownCall(c *ssa.CallCommon, st teardownState, deferred bool) teardownState {
	fn := c.StaticCallee()
	if fn == nil {
		return st
	}
	var barriers []ident.Class
	if obj, ok := fn.Object().(*types.Func); ok {
		api := e.model.Lookup(obj)
		if role, ok := api.Has(apisem.Barrier); ok {
			barriers = append(barriers, classOf(c, role.Domain))
		}
		if role, ok := api.Has(apisem.Cleanup); ok && deferred && role.Domain >= 0 && role.Domain < len(c.Args) {
			st.cleans = addSet(st.cleans, deferredUse{c.Pos(), refOf(c.Args[role.Domain]), fn.Name()})
		} else if deferred && api != nil {
			// A deferred use of a domain (defer d.Barrier()) runs at
			// the return, after any Cleanup made on the way.
			for _, r := range api.Roles {
				if r.Domain >= 0 && r.Domain < len(c.Args) && r.Kind != apisem.Release {
					st.uses = addSet(st.uses, deferredUse{c.Pos(), refOf(c.Args[r.Domain]), fn.Name()})
					break
				}
			}
		}
		if role, ok := api.Has(apisem.Cleanup); ok && !deferred {
			st.cleaned = addSet(st.cleaned, instanceOf(c, role.Domain))
			if role.Domain >= 0 && role.Domain < len(c.Args) {
				// Also by the field that holds it, as the methods that
				// use it name it (r.d.Cleanup(), then r.Len()).
				st.cleaned = addSet(st.cleaned, refOf(c.Args[role.Domain]))
			}
		}
	}
	if sum := e.summaryOf(fn); sum != nil {
		for _, b := range sum.Barriers {
			barriers = append(barriers, atCall(b, c))
		}
		if !deferred {
			for _, fd := range sum.Cleans {
				st.cleaned = addSet(st.cleaned, fieldAt(c, fd))
			}
		} else if _, api := fn.Object().(*types.Func); api && e.model.Lookup(fn.Object().(*types.Func)) == nil {
			// A deferred helper that uses a domain when it runs.
			for _, i := range sum.UsesDomains {
				st.uses = addSet(st.uses, deferredUse{c.Pos(), instanceOf(c, i), fn.Name()})
			}
			for _, fd := range sum.UsesFields {
				st.uses = addSet(st.uses, deferredUse{c.Pos(), fieldAt(c, fd), fn.Name()})
			}
		}
	}
	for _, b := range barriers {
		if deferred {
			st.deferred = addSet(st.deferred, b)
		} else {
			st.barriers = addSet(st.barriers, b)
		}
	}
	return st
}

// barrierCall says how to wait for the callbacks of a domain class.
func (e *engine) barrierCall(class ident.Class) string {
	switch {
	case class.Kind == ident.Classic:
		return "rcuapi.Barrier()"
	case class.Kind == ident.Global && class.Derefs <= 1 && class.Path == e.pass.Pkg.Path():
		return class.Name + ".Barrier()"
	case class.Kind == ident.Global && class.Derefs <= 1:
		return path.Base(class.Path) + "." + class.Name + ".Barrier()"
	case class.Kind == ident.Field && class.Derefs <= 1:
		return "Barrier() on " + strings.TrimPrefix(class.ShortDomainName(), "the SRCU domain in ")
	}
	return "the domain's Barrier()"
}

// queuesOn returns the classes of the domains on which call c queues a
// callback, of any package: an API call, or a helper whose summary says so.
func (e *engine) queuesOn(c *ssa.CallCommon) []ident.Class {
	fn := c.StaticCallee()
	if fn == nil {
		return nil
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if api := e.model.Lookup(obj); api != nil {
			if role, ok := api.Has(apisem.Call); ok {
				return []ident.Class{classOf(c, role.Domain)}
			}
			return nil
		}
	}
	var out []ident.Class
	if sum := e.summaryOf(fn); sum != nil {
		for _, q := range sum.QueuesOn {
			out = append(out, atCall(q, c))
		}
	}
	return out
}
