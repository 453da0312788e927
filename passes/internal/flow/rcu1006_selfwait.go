package flow

import (
	"fmt"
	"go/token"
	"go/types"

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
