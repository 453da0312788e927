package flow

import (
	"go/constant"
	"go/token"
	"slices"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

// run analyses the group: where values come from (flow-insensitive), then
// the state of every section at every point (flow-sensitive), then the
// events and the root's summary.
func (g *group) run() *summary {
	g.propagate()
	sum := &summary{}
	for _, f := range g.fns {
		entry := make([]tstate, len(g.toks))
		if ctx := g.ctx[f]; ctx != nil {
			if at, ok := g.states[ctx.at]; ok {
				copy(entry, at)
			}
			if ex, ok := g.exit[ctx.parent]; ok && ctx.kind == ctxDefer {
				// A deferred closure runs where its parent returns, after
				// the releases deferred after it (deferred calls run last
				// in, first out).
				copy(entry, ex)
				for i := range entry {
					if entry[i].deferred && entry[i].st == live && entry[i].deferPos > ctx.at.Pos() {
						entry[i].st = ended
						entry[i].endedAt = entry[i].deferPos
					}
				}
			}
			if ctx.kind == ctxGo || ctx.kind == ctxCallback {
				for i, t := range g.toks {
					if t.kind == tokLock {
						entry[i] = tstate{st: ended} // it holds none of its creator's locks
					}
				}
			}
			switch ctx.kind {
			case ctxGo:
				for i := range entry {
					if entry[i].st == live {
						entry[i].st = maybe
					}
					entry[i].goroutine = entry[i].st != unset
				}
			case ctxCallback:
				for i := range entry {
					if entry[i].st == live || entry[i].st == maybe {
						entry[i].st = ended
						entry[i].endedAt = ctx.at.Pos()
						entry[i].callback = true
					}
				}
			}
		} else {
			for i, t := range g.toks {
				switch {
				case (t.kind == tokInput || t.kind == tokSource) && t.fn == f:
					entry[i].st = live
				case t.kind == tokLock:
					entry[i].st = ended // not held until locked
				}
			}
		}
		in := g.solve(f, entry)
		g.walk(f, in, f == g.root, sum)
	}
	return sum
}

// solve computes the state of every token at the entry of every block of f.
func (g *group) solve(f *ssa.Function, entry []tstate) [][]tstate {
	in := forward(f, entry, slices.Clone[[]tstate],
		func(dst *[]tstate, src []tstate) bool {
			changed := false
			for i := range src {
				if j := join((*dst)[i], src[i]); j != (*dst)[i] {
					(*dst)[i] = j
					changed = true
				}
			}
			return changed
		},
		func(b *ssa.BasicBlock, st []tstate) []tstate {
			for _, instr := range b.Instrs {
				g.transfer(instr, st, nil)
			}
			return st
		},
		g.alongEdge)
	out := make([][]tstate, len(in))
	for i, s := range in {
		if s != nil {
			out[i] = *s
		}
	}
	return out
}

// transfer applies instr to state. If w is not nil, it is the walker that
// records events before the state changes.
func (g *group) transfer(instr ssa.Instruction, state []tstate, w *walker) {
	if w != nil {
		w.check(instr, state)
	}
	switch v := instr.(type) {
	case *ssa.Call:
		c := v.Common()
		_, api, sum := g.callee(c)
		if t, ok := g.tokOf[v]; ok {
			state[t] = tstate{st: live}
		}
		if op, ok := g.locks[v]; ok {
			if op.acquire {
				state[op.tok] = tstate{st: live}
			} else {
				state[op.tok] = tstate{st: ended, endedAt: v.Pos()}
			}
		}
		if role, ok := api.Has(apisem.Release); ok && role.Arg < len(c.Args) {
			g.end(g.secOf(c.Args[role.Arg]), state, v.Pos())
		}
		if role, ok := api.Has(apisem.Quiescent); ok {
			g.end(g.sectionsOf(g.domainOf(c, role.Domain)), state, v.Pos())
		}
		if sum != nil {
			for _, i := range sum.Releases {
				if i < len(c.Args) {
					g.end(g.secOf(c.Args[i]), state, v.Pos())
				}
			}
		}
		if mc, ok := c.Value.(*ssa.MakeClosure); ok {
			g.closureEffects(mc, state, v.Pos(), false)
		}
		for _, a := range c.Args {
			// (A group made only for a summary has no contexts for its
			// closures: ask the engine.)
			if mc, ok := a.(*ssa.MakeClosure); ok && g.e.iterBody[mc.Fn.(*ssa.Function)] {
				g.bodyEffects(mc, state)
			}
		}
	case *ssa.Defer:
		c := v.Common()
		callee, api, sum := g.callee(c)
		name := ""
		if callee != nil {
			name = callee.Name()
		}
		if role, ok := api.Has(apisem.Release); ok && role.Arg < len(c.Args) {
			g.deferEnd(g.secOf(c.Args[role.Arg]), state, v.Pos(), name)
		}
		if sum != nil {
			for _, i := range sum.Releases {
				if i < len(c.Args) {
					g.deferEnd(g.secOf(c.Args[i]), state, v.Pos(), name)
				}
			}
		}
		if mc, ok := c.Value.(*ssa.MakeClosure); ok {
			g.closureEffects(mc, state, v.Pos(), true)
		}
	}
}

// closureEffects applies what a closure called (or deferred) here does to
// the sections bound to its free variables.
func (g *group) closureEffects(mc *ssa.MakeClosure, state []tstate, pos token.Pos, deferred bool) {
	fn := mc.Fn.(*ssa.Function)
	sum := g.e.summaries[fn]
	if sum == nil {
		return
	}
	for _, i := range sum.Releases {
		j := i - len(fn.Params)
		if j < 0 || j >= len(mc.Bindings) {
			continue
		}
		s := g.secOf(mc.Bindings[j])
		if root := g.memRoot(mc.Bindings[j]); root != nil {
			s |= g.mem[root]
		}
		if deferred {
			g.deferEnd(s, state, pos, closureDefer)
		} else {
			g.end(s, state, pos)
		}
	}
}

// bodyEffects applies what a range-over-func loop body may do to the
// sections bound to its free variables: a body that ends a section does so
// only on its way out of the function (a return in the loop), so after the
// loop the section is live on the paths that go on.
func (g *group) bodyEffects(mc *ssa.MakeClosure, state []tstate) {
	fn := mc.Fn.(*ssa.Function)
	sum := g.e.summaries[fn]
	if sum == nil {
		return
	}
	for _, i := range sum.mayRelease {
		j := i - len(fn.Params)
		if j < 0 || j >= len(mc.Bindings) {
			continue
		}
		g.reachSec(mc.Bindings[j]).each(func(t int) {
			if state[t].st == live {
				state[t].st = maybe
				state[t].iterEnded = true
			}
		})
	}
}

// sectionsOf returns the sections begun in the group on domain d (a
// quiescent state of d ends them all), or none if d is not known.
func (g *group) sectionsOf(d domain) tokset {
	var s tokset
	if !d.key.known() {
		return 0
	}
	for i, t := range g.toks {
		if t.kind == tokAcquired && !t.shared && t.domain.key == d.key {
			s |= bit(i)
		}
	}
	return s
}

func (g *group) end(s tokset, state []tstate, pos token.Pos) {
	g.affected(s).each(func(i int) {
		if state[i].st == ended {
			return // reported as a double release; keep the first end
		}
		state[i].st = ended
		state[i].endedAt = pos
	})
}

func (g *group) deferEnd(s tokset, state []tstate, pos token.Pos, by string) {
	g.affected(s).each(func(i int) {
		if !state[i].deferred {
			state[i].deferred, state[i].deferPos, state[i].deferBy = true, pos, by
		}
	})
}

// stepPhi gives a phi that merges sections or protected pointers a token
// of its own, whose state on each path is the state of the value the phi
// holds on that path (see alongEdge), so that a loop that ends its section
// and begins a new one is not taken for one that uses an ended section.
func (g *group) stepPhi(v *ssa.Phi) bool {
	changed := false
	var merged tokset
	sources, secish := tokset(0), g.isSectionish(v.Type())
	derived := false
	for _, e := range v.Edges {
		sec, der := g.secOf(e), g.derOf(e)
		merged |= sec | der
		derived = derived || der != 0
		if g.access[g.resolve(e)] && !g.access[v] {
			g.access[v] = true
			changed = true
		}
	}
	merged.each(func(i int) {
		if g.toks[i].stateless() {
			sources |= bit(i)
		}
	})
	changed = g.addDer(v, sources) || changed
	stateful := merged &^ sources
	if stateful == 0 {
		return changed
	}
	t, ok := g.tokOf[v]
	if !ok {
		g.newTok(&tok{kind: tokPhi, pos: v.Pos(), fn: v.Parent()}, v)
		t = g.tokOf[v]
		changed = true
	}
	if g.toks[t].shared {
		// Past the token budget the phi is not followed: merging its
		// tokens would report sections "ended on some path" that are not.
		// What flows into it is lost to the checks.
		if g.lost|stateful != g.lost {
			g.lost |= stateful
			changed = true
		}
		return changed
	}
	if g.toks[t].under|stateful != g.toks[t].under {
		g.toks[t].under |= stateful
		changed = true
	}
	for len(g.deps) < len(g.toks) {
		g.deps = append(g.deps, 0)
	}
	stateful.each(func(i int) { g.deps[i] |= bit(t) })
	if secish {
		changed = g.addSec(v, bit(t)) || changed
	}
	if derived {
		changed = g.addDer(v, bit(t)) || changed
	}
	return changed
}

// alongEdge returns the state at the entry of block to when coming from
// block from with state out: a phi token takes the state of what the phi
// holds on this edge.
func (g *group) alongEdge(from, to *ssa.BasicBlock, out []tstate) []tstate {
	edge := append(make([]tstate, 0, len(out)), out...)
	g.exitEdge(from, to, edge)
	k := -1
	for i, p := range to.Preds {
		if p == from {
			k = i
		}
	}
	for _, instr := range to.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		t, ok := g.tokOf[phi]
		if !ok || g.toks[t].kind != tokPhi || k < 0 || k >= len(phi.Edges) {
			continue
		}
		var st tstate
		holds := (g.secOf(phi.Edges[k]) | g.derOf(phi.Edges[k])) &^ g.sourceSet()
		holds.each(func(i int) { st = join(st, out[i]) })
		edge[t] = st
	}
	return edge
}

func (g *group) sourceSet() tokset {
	var s tokset
	for i, t := range g.toks {
		if t.stateless() {
			s |= bit(i)
		}
	}
	return s
}

// under returns s with the tokens its phi tokens merge, transitively.
func (g *group) under(s tokset) tokset {
	for {
		next := s
		s.each(func(i int) { next |= g.toks[i].under })
		if next == s {
			return s
		}
		s = next
	}
}

// affected returns what ending the sections s ends: s, the sections its
// phis merge, and the phis that merge any of those.
func (g *group) affected(s tokset) tokset {
	s = g.under(s)
	for {
		next := s
		s.each(func(i int) {
			if i < len(g.deps) {
				next |= g.deps[i]
			}
		})
		if next == s {
			return s
		}
		s = next
	}
}

// display returns the token that describes t in messages: t itself, or
// for a phi the first acquired section it merges.
func (g *group) display(t int) *tok {
	if g.toks[t].kind != tokPhi {
		return g.toks[t]
	}
	var best *tok
	g.under(bit(t)).each(func(i int) {
		if tk := g.toks[i]; best == nil && tk.kind == tokAcquired {
			best = tk
		}
	})
	if best == nil {
		g.under(bit(t)).each(func(i int) {
			if tk := g.toks[i]; best == nil && tk.kind != tokPhi {
				best = tk
			}
		})
	}
	if best == nil {
		return g.toks[t]
	}
	return best
}

// exitEdge refines the state along the edge from a range-over-func loop's
// dispatch (if jump == k) to the code of its k-th exit: the sections its
// body leaves open on the returns that take that exit are open there,
// not merely maybe ended by the body's other returns.
func (g *group) exitEdge(from, to *ssa.BasicBlock, edge []tstate) {
	if len(from.Succs) != 2 || from.Succs[0] != to || len(from.Instrs) == 0 {
		return
	}
	ifi, ok := from.Instrs[len(from.Instrs)-1].(*ssa.If)
	if !ok {
		return
	}
	cmp, ok := ifi.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return
	}
	ld, ok := cmp.X.(*ssa.UnOp)
	c, ok2 := cmp.Y.(*ssa.Const)
	if !ok || !ok2 || ld.Op != token.MUL || c.Value == nil || c.Value.Kind() != constant.Int {
		return
	}
	k, exact := constant.Int64Val(c.Value)
	if !exact || k <= 0 || ld.X.Referrers() == nil {
		return
	}
	for _, r := range *ld.X.Referrers() {
		mc, ok := r.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		fn := mc.Fn.(*ssa.Function)
		j := jumpVar(fn)
		if j < 0 || j >= len(mc.Bindings) || mc.Bindings[j] != ld.X || !g.e.iterBody[fn] {
			continue
		}
		sum := g.e.summaries[fn]
		if sum == nil {
			continue
		}
		for _, in := range sum.exitOpen[k] {
			b := in - len(fn.Params)
			if b < 0 || b >= len(mc.Bindings) {
				continue
			}
			g.reachSec(mc.Bindings[b]).each(func(t int) {
				if edge[t].st == maybe && edge[t].iterEnded {
					edge[t].st, edge[t].iterEnded = live, false
				}
			})
		}
	}
}
