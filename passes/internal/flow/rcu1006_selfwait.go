package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/blocking"
	"golang.org/x/tools/go/ssa"
)

// checkSync records a grace-period or barrier wait on the domain of a
// section that is live here: it would wait for itself (RCU1006). A wait on
// another domain inside a classic section blocks it (RCU1005).
func (w *walker) checkSync(c *ssa.CallCommon, role apisem.Role, what string, pos token.Pos, state []tstate) {
	g := w.g
	callee, _, _ := g.callee(c)
	d := g.domainOf(c, role.Domain)
	for i := range g.toks {
		t := g.display(i)
		if t.kind != tokAcquired || !g.openHere(i, state) {
			continue
		}
		same := t.domain.classic && d.classic || t.domain.srcu && d.srcu && t.domain.key.known() && t.domain.key == d.key
		switch {
		case same:
			w.reportSelfWait(i, pos, callee.Name(), what)
		case t.domain.classic:
			w.reportBlock(i, pos, "calls "+callee.Name()+", which "+what)
		}
	}
}

// checkGraceVia records a call to a function that waits for a grace
// period or for callbacks: on the domain of an open section it waits for
// itself (RCU1006); inside a classic section of another domain, it blocks
// it (RCU1005).
func (w *walker) checkGraceVia(c *ssa.CallCommon, m *blocking.MayBlock, pos token.Pos, state []tstate) {
	g := w.g
	class := atCall(m.GraceDomain, c)
	callee, own := "the function", m.GraceWhy
	if fn := c.StaticCallee(); fn != nil {
		callee = fn.Name()
		if obj, ok := fn.Object().(*types.Func); ok {
			if raw := g.e.blocking.Func(obj); raw != nil && raw.GraceWhy != "" {
				own = raw.GraceWhy // what the callee itself does
			}
		}
	}
	for i := range g.toks {
		t := g.display(i)
		if t.kind != tokAcquired || !g.openHere(i, state) {
			continue
		}
		switch {
		case class.Known() && class == t.domain.class:
			w.reportSelfWait(i, pos, callee, own)
		case t.domain.classic:
			w.reportBlock(i, pos, m.GraceWhy)
		}
	}
}

// A QSBR grace period waits for every online handle of its domain to pass
// a quiescent state. A goroutine that waits for one (Synchronize, or
// Barrier, whose callbacks wait for one) while its own handle of that
// domain is online waits for itself. checkQSBRSelfWait follows, in each
// function, the handles it registers (QSBR.Register) and whether each is
// online (Register and Online make it so; Offline and Unregister end it),
// and reports (SelfWaitQSBR, RCU1006) a wait on the handle's domain while
// it may be online.

func (e *engine) checkQSBRSelfWait(fn *ssa.Function) {
	domainOf := make(map[ssa.Value]ref) // handle -> its domain
	for instr := range instructions(fn) {
		if c, ok := instr.(*ssa.Call); ok && methodName(c.Common()) == rcuapiPath+".QSBR.Register" && !kept(c) {
			if r := refOf(c.Common().Args[0]); r.known() {
				domainOf[c] = r
			}
		}
	}
	if len(domainOf) == 0 {
		return
	}
	type state map[ssa.Value]token.Pos // online handles -> where registered
	step := func(b *ssa.BasicBlock, st state, report func(c *ssa.Call, h ssa.Value, at token.Pos)) state {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			cc := c.Common()
			if _, ok := domainOf[c]; ok {
				st[c] = c.Pos()
				continue
			}
			switch methodName(cc) {
			case rcuapiPath + ".QSBRReader.Offline", rcuapiPath + ".QSBRReader.Unregister":
				delete(st, cc.Args[0])
				continue
			case rcuapiPath + ".QSBRReader.Online":
				if _, ok := domainOf[cc.Args[0]]; ok {
					st[cc.Args[0]] = cc.Args[0].Pos()
				}
				continue
			}
			callee := cc.StaticCallee()
			if callee == nil || report == nil {
				continue
			}
			obj, ok := callee.Object().(*types.Func)
			if !ok {
				continue
			}
			api := e.model.Lookup(obj)
			role, ok := api.Has(apisem.Sync)
			if !ok {
				role, ok = api.Has(apisem.Barrier)
			}
			if !ok || role.Domain < 0 || role.Domain >= len(cc.Args) {
				continue
			}
			k := refOf(cc.Args[role.Domain])
			for h, at := range st {
				if k.known() && domainOf[h] == k {
					report(c, h, at)
				}
			}
		}
		return st
	}
	in := forward(fn, state{}, maps.Clone[state],
		func(dst *state, src state) bool { return mergeInto(*dst, src) },
		func(b *ssa.BasicBlock, st state) state { return step(b, st, nil) }, nil)
	reported := make(map[*ssa.Call]bool)
	for _, b := range fn.Blocks {
		if in[b.Index] == nil {
			continue
		}
		step(b, maps.Clone(*in[b.Index]), func(c *ssa.Call, h ssa.Value, at token.Pos) {
			if reported[c] {
				return
			}
			reported[c] = true
			name := refOf(c.Common().Args[0]).name()
			e.report(selfWaitQSBR, c.Pos(), fmt.Sprintf("%s of %s while this goroutine's handle of it, registered at %s, may be online: the grace period waits for that handle, which waits here; call Offline on the handle first (and Online after)", c.Common().StaticCallee().Name(), "QSBR domain "+name, e.at(at)), at)
		})
	}
}

// kept reports whether v is stored in memory or captured by a closure:
// then calls on it may go through another value, and it is not followed.
func kept(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Val == v {
				return true
			}
		case *ssa.MakeClosure, *ssa.Phi, *ssa.MakeInterface:
			return true
		}
	}
	return false
}

// reportSelfWait records a wait by (which does what) at pos inside a
// section token i of the domain it waits for.
func (w *walker) reportSelfWait(i int, pos token.Pos, by, what string) {
	w.report(syncInSection, i, pos, func(s section) string {
		return fmt.Sprintf("%s %s of the domain of %s, which is still open here: it waits for this very section and never returns; end the section first", by, what, w.g.e.describe(s))
	})
}
