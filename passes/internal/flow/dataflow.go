package flow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// run analyses the group: where values come from (flow-insensitive), then
// the state of every section at every point (flow-sensitive), then the
// events and the root's summary.
func (g *group) run() *Summary {
	g.propagate()
	sum := &Summary{}
	for _, f := range g.fns {
		entry := make([]tstate, len(g.toks))
		if ctx := g.ctx[f]; ctx != nil {
			if at, ok := g.states[ctx.at]; ok {
				copy(entry, at)
			}
			if ex, ok := g.exit[ctx.parent]; ok && ctx.kind == ctxDefer {
				copy(entry, ex) // a deferred closure runs where its parent returns
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
				if t.kind != tokAcquired && t.fn == f {
					entry[i].st = live
				}
			}
		}
		in := g.solve(f, entry)
		g.walk(f, in, f == g.root, sum)
	}
	return sum
}

// propagate computes sec, der, access and the contents of local variables
// for every value of the group, to a fixed point.
func (g *group) propagate() {
	for _, f := range g.fns {
		if ctx := g.ctx[f]; ctx != nil {
			g.bindContext(f, ctx)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, f := range g.fns {
			for _, b := range f.Blocks {
				for _, instr := range b.Instrs {
					if g.step(instr) {
						changed = true
					}
				}
			}
		}
	}
}

// bindContext makes an in-context closure's free variables stand for the
// values its parent binds to them, and a yield function's parameters
// derived from the iterator.
func (g *group) bindContext(f *ssa.Function, ctx *callCtx) {
	var mc *ssa.MakeClosure
	for _, b := range ctx.parent.Blocks {
		for _, instr := range b.Instrs {
			if m, ok := instr.(*ssa.MakeClosure); ok && m.Fn == f {
				mc = m
			}
		}
	}
	if mc == nil {
		return
	}
	for i, fv := range f.FreeVars {
		if i < len(mc.Bindings) {
			g.alias[fv] = mc.Bindings[i]
		}
	}
}

// resolve follows aliases from free variables to the parent's values.
func (g *group) resolve(v ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ {
		a, ok := g.alias[v]
		if !ok {
			return v
		}
		v = a
	}
	return v
}

func (g *group) secOf(v ssa.Value) tokset {
	if c, ok := v.(*ssa.Const); ok && c.Value == nil {
		return 0
	}
	return g.sec[g.resolve(v)]
}

func (g *group) derOf(v ssa.Value) tokset {
	v = g.resolve(v)
	if g.pinned[v] {
		return 0
	}
	return g.der[v]
}

func (g *group) addSec(v ssa.Value, s tokset) bool {
	if s == 0 || g.sec[v]|s == g.sec[v] {
		return false
	}
	g.sec[v] |= s
	return true
}

func (g *group) addDer(v ssa.Value, s tokset) bool {
	if s == 0 || g.pinned[v] || g.der[v]|s == g.der[v] {
		return false
	}
	g.der[v] |= s
	return true
}

// memRoot returns the local variable an address points into, if any.
func (g *group) memRoot(addr ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		addr = g.resolve(addr)
		switch a := addr.(type) {
		case *ssa.Alloc:
			return a
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			if _, ok := a.X.Type().Underlying().(*types.Pointer); !ok {
				return nil // a slice element lives wherever the slice does
			}
			addr = a.X
		case *ssa.Slice:
			if _, ok := a.X.Type().Underlying().(*types.Pointer); !ok {
				return nil
			}
			addr = a.X // a slice of a local array
		default:
			return nil
		}
	}
	return nil
}

// step applies one instruction to the flow-insensitive facts and reports
// whether anything changed.
func (g *group) step(instr ssa.Instruction) bool {
	changed := false
	switch v := instr.(type) {
	case *ssa.Call:
		c := v.Common()
		_, api, sum := g.callee(c)
		if t, ok := g.tokOf[v]; ok {
			changed = g.addSec(v, bit(t)) || changed
		}
		if role, ok := api.Has(apisem.Deref); ok && role.Arg < len(c.Args) {
			changed = g.addDer(v, g.secOf(c.Args[role.Arg])) || changed
			if len(c.Args) > 0 {
				changed = g.addDer(v, g.derOf(c.Args[0])) || changed
			}
		}
		if _, ok := api.Has(apisem.Access); ok && !g.access[v] {
			g.access[v] = true
			changed = true
		}
		if b, ok := c.Value.(*ssa.Builtin); ok && b.Name() == "append" {
			for _, a := range c.Args {
				changed = g.addDer(v, g.reach(a)) || changed
			}
		}
		if sum != nil {
			for _, i := range sum.Derives {
				if i < len(c.Args) {
					changed = g.addDer(v, g.derOf(c.Args[i])|g.secOf(c.Args[i])) || changed
				}
			}
		}
	case *ssa.Phi:
		for _, e := range v.Edges {
			changed = g.addSec(v, g.secOf(e)) || changed
			changed = g.addDer(v, g.derOf(e)) || changed
			if g.access[g.resolve(e)] && !g.access[v] {
				g.access[v] = true
				changed = true
			}
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if root := g.memRoot(v.X); root != nil {
				changed = g.addSec(v, g.mem[root]) || changed
				changed = g.addDer(v, g.memDer[root]) || changed
			}
			if g.isSectionish(v.Type()) {
				changed = g.addSec(v, g.secOf(v.X)) || changed // a section cell
			}
			if carriesRef(v.Type()) {
				changed = g.addDer(v, g.derOf(v.X)) || changed
			}
		}
	case *ssa.FieldAddr:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.IndexAddr:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.Field:
		changed = g.passOn(v, v.X) || changed
	case *ssa.Index:
		changed = g.passOn(v, v.X) || changed
	case *ssa.Extract:
		changed = g.passOn(v, v.Tuple) || changed
	case *ssa.Lookup:
		changed = g.passOn(v, v.X) || changed
	case *ssa.Next:
		changed = g.passOn(v, v.Iter) || changed
	case *ssa.Range:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.Slice:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.ChangeType:
		changed = g.passAll(v, v.X) || changed
	case *ssa.Convert:
		changed = g.passAll(v, v.X) || changed
	case *ssa.MakeInterface:
		changed = g.passAll(v, v.X) || changed
	case *ssa.ChangeInterface:
		changed = g.passAll(v, v.X) || changed
	case *ssa.TypeAssert:
		changed = g.passAll(v, v.X) || changed
	case *ssa.SliceToArrayPointer:
		changed = g.addDer(v, g.derOf(v.X)) || changed
	case *ssa.MakeClosure:
		for _, b := range v.Bindings {
			changed = g.addDer(v, g.derOf(b)) || changed
			if root := g.memRoot(b); root != nil {
				changed = g.addDer(v, g.memDer[root]) || changed
			}
		}
		if ctx := g.ctx[v.Fn.(*ssa.Function)]; ctx != nil && ctx.kind == ctxIter {
			d := g.derOf(ctx.seq)
			for _, p := range v.Fn.(*ssa.Function).Params {
				if carriesRef(p.Type()) {
					changed = g.addDer(p, d) || changed
				}
			}
		}
	case *ssa.Store:
		if root := g.memRoot(v.Addr); root != nil {
			if s := g.secOf(v.Val); s != 0 && g.mem[root]|s != g.mem[root] {
				g.mem[root] |= s
				changed = true
			}
			if d := g.derOf(v.Val); d != 0 && g.memDer[root]|d != g.memDer[root] {
				g.memDer[root] |= d
				changed = true
			}
		}
	}
	return changed
}

// passOn carries the facts of x to v, a part of x, where v's type can carry
// them.
func (g *group) passOn(v, x ssa.Value) bool {
	changed := false
	if g.isSectionish(v.Type()) {
		changed = g.addSec(v, g.secOf(x)) || changed
	}
	if carriesRef(v.Type()) {
		changed = g.addDer(v, g.derOf(x)) || changed
	}
	return changed
}

// passAll carries every fact of x to v, the same value seen as another type.
func (g *group) passAll(v, x ssa.Value) bool {
	changed := g.addSec(v, g.secOf(x))
	changed = g.addDer(v, g.derOf(x)) || changed
	if g.access[g.resolve(x)] && !g.access[v] {
		g.access[v] = true
		changed = true
	}
	return changed
}

// solve computes the state of every token at the entry of every block of f.
func (g *group) solve(f *ssa.Function, entry []tstate) [][]tstate {
	n := len(f.Blocks)
	in := make([][]tstate, n)
	if n == 0 {
		return in
	}
	in[0] = entry
	work := []*ssa.BasicBlock{f.Blocks[0]}
	queued := make([]bool, n)
	queued[0] = true
	reached := make([]bool, n)
	reached[0] = true
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		queued[b.Index] = false
		out := append([]tstate(nil), in[b.Index]...)
		for _, instr := range b.Instrs {
			g.transfer(instr, out, nil)
		}
		for _, s := range b.Succs {
			if !reached[s.Index] {
				reached[s.Index] = true
				in[s.Index] = append(make([]tstate, 0, len(out)), out...)
			} else {
				changed := false
				for i := range out {
					j := join(in[s.Index][i], out[i])
					if j != in[s.Index][i] {
						in[s.Index][i] = j
						changed = true
					}
				}
				if !changed {
					continue
				}
			}
			if !queued[s.Index] {
				queued[s.Index] = true
				work = append(work, s)
			}
		}
	}
	return in
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
		if role, ok := api.Has(apisem.Release); ok && role.Arg < len(c.Args) {
			g.end(g.secOf(c.Args[role.Arg]), state, v.Pos())
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
			if mc, ok := a.(*ssa.MakeClosure); ok {
				if ctx := g.ctx[mc.Fn.(*ssa.Function)]; ctx != nil && ctx.kind == ctxIter {
					g.bodyEffects(mc, state)
				}
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
			g.deferEnd(s, state, pos, "a deferred closure")
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

func (g *group) end(s tokset, state []tstate, pos token.Pos) {
	s.each(func(i int) {
		if state[i].st == ended {
			return // reported as a double release; keep the first end
		}
		state[i].st = ended
		state[i].endedAt = pos
	})
}

func (g *group) deferEnd(s tokset, state []tstate, pos token.Pos, by string) {
	s.each(func(i int) {
		if !state[i].deferred {
			state[i].deferred, state[i].deferPos, state[i].deferBy = true, pos, by
		}
	})
}

// reach returns the sections that protect what v can reach: v itself if it
// was obtained under them, or what a local variable it points to holds.
func (g *group) reach(v ssa.Value) tokset {
	r := g.derOf(v)
	if root := g.memRoot(v); root != nil {
		r |= g.memDer[root]
	}
	return r
}

// reachSec returns the sections that v holds, directly or in a local
// variable it points to.
func (g *group) reachSec(v ssa.Value) tokset {
	r := g.secOf(v)
	if root := g.memRoot(v); root != nil {
		r |= g.mem[root]
	}
	return r
}
