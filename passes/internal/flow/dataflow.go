package flow

import (
	"go/token"
	"go/types"
	"slices"

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
				// A slice element lives wherever the slice does.
				return g.localObject(a.X, nil)
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

// localObject returns the local memory that slice or map value v lives
// in: one made in this function (make, a composite literal) and only ever
// kept in local variables, or nil.
func (g *group) localObject(v ssa.Value, seen map[ssa.Value]bool) ssa.Value {
	// memRoot and localObject call each other through slices of slices:
	// bound the depth.
	if g.localDepth > 8 {
		return nil
	}
	g.localDepth++
	defer func() { g.localDepth-- }()
	v = g.resolve(v)
	switch v := v.(type) {
	case *ssa.MakeSlice, *ssa.MakeMap:
		return v
	case *ssa.Slice:
		if _, ok := v.X.Type().Underlying().(*types.Pointer); ok {
			return g.memRoot(v.X)
		}
		return g.localObject(v.X, seen)
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Call.Args) > 0 {
			return g.localObject(v.Call.Args[0], seen)
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil
		}
		cell := g.memRoot(v.X)
		if cell == nil {
			return nil
		}
		if seen[v] {
			return cell
		}
		if seen == nil {
			seen = make(map[ssa.Value]bool)
		}
		seen[v] = true
		// Only the stores into the part of the variable that v loads
		// count: a struct may keep a local slice in one field and a
		// protected pointer in another.
		path, _ := fieldPath(v.X)
		n := 0
		for _, st := range g.storeAt[cell] {
			if p, _ := fieldPath(st.Addr); !overlaps(path, p) {
				continue
			}
			n++
			if g.localObject(st.Val, seen) == nil {
				return nil
			}
		}
		if n == 0 {
			return nil
		}
		return cell
	case *ssa.Const:
		if v.IsNil() {
			return v // a nil slice or map: append and make give local memory
		}
	}
	return nil
}

// fieldPath returns the fields an address selects from the variable it
// points into, outermost first (an element of an array is -1), and whether
// the address is in the variable at all: an element of a slice lives in
// the slice's array, elsewhere.
func fieldPath(addr ssa.Value) ([]int, bool) {
	var path []int
	for i := 0; i < 16; i++ {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			path = append(path, a.Field)
			addr = a.X
		case *ssa.IndexAddr:
			if _, ok := a.X.Type().Underlying().(*types.Pointer); !ok {
				return nil, false
			}
			path = append(path, -1)
			addr = a.X
		default:
			slices.Reverse(path)
			return path, true
		}
	}
	return nil, true // too deep to tell: overlaps everything
}

// overlaps reports whether two field paths from one variable can name
// common memory: one is a prefix of the other.
func overlaps(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
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
		changed = g.throughTypeParam(v, c) || changed
		if sum != nil {
			for _, i := range sum.Passes {
				if i < len(c.Args) {
					changed = g.addSec(v, g.secOf(c.Args[i])) || changed
				}
			}
			for _, i := range sum.Derives {
				if i < len(c.Args) {
					changed = g.addDer(v, g.derOf(c.Args[i])|g.secOf(c.Args[i])) || changed
				}
			}
		}
	case *ssa.Phi:
		changed = g.stepPhi(v)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if root := g.memRoot(v.X); root != nil {
				changed = g.addSec(v, g.mem[root]) || changed
				if !g.pinned[root] {
					changed = g.addDer(v, g.memDer[root]) || changed
				}
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
		if root := g.localObject(v.X, nil); root != nil && carriesRef(v.Type()) {
			changed = g.addDer(v, g.memDer[root]) || changed
		}
	case *ssa.MapUpdate:
		if root := g.localObject(v.Map, nil); root != nil {
			if d := g.reach(v.Value) | g.reach(v.Key); d != 0 && g.memDer[root]|d != g.memDer[root] {
				g.memDer[root] |= d
				changed = true
			}
		}
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
			if !containsValue(g.stores[root], v.Val) {
				g.stores[root] = append(g.stores[root], v.Val)
				changed = true
			}
			if _, in := fieldPath(v.Addr); in && !slices.Contains(g.storeAt[root], v) {
				g.storeAt[root] = append(g.storeAt[root], v)
				changed = true
			}
			if s := g.secOf(v.Val); s != 0 && g.mem[root]|s != g.mem[root] {
				g.mem[root] |= s
				changed = true
			}
			if d := g.reach(v.Val); d != 0 && g.memDer[root]|d != g.memDer[root] {
				g.memDer[root] |= d
				changed = true
			}
		}
	}
	return changed
}

// throughTypeParam carries the sections and protected pointers of the
// arguments of a call of a generic function to its result where the
// function returns a value of the type parameter they were passed as
// (func Pass[S any](s S) S): its summary, made from the generic body, can
// not tell that a value of S is a Section.
func (g *group) throughTypeParam(v *ssa.Call, c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	if fn == nil || fn.Origin() == nil || fn.Origin() == fn {
		return false
	}
	o := fn.Origin()
	res := o.Signature.Results()
	if res.Len() != 1 {
		return false
	}
	tp, ok := types.Unalias(res.At(0).Type()).(*types.TypeParam)
	if !ok {
		return false
	}
	changed := false
	for i, p := range o.Params {
		if i < len(c.Args) && types.Identical(p.Type(), tp) {
			changed = g.addSec(v, g.secOf(c.Args[i])) || changed
			changed = g.addDer(v, g.derOf(c.Args[i])) || changed
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
			edge := g.alongEdge(b, s, out)
			if !reached[s.Index] {
				reached[s.Index] = true
				in[s.Index] = edge
			} else {
				changed := false
				for i := range edge {
					j := join(in[s.Index][i], edge[i])
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
	if d.key == "" {
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
		if g.toks[i].kind == tokSource {
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
		if t.kind == tokSource {
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

func containsValue(vs []ssa.Value, v ssa.Value) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// reach returns the sections that protect what v can reach: v itself if it
// was obtained under them, or what a local variable it points to holds.
func (g *group) reach(v ssa.Value) tokset { return g.reachDepth(v, 0, nil) }

// reachDepth is reach, following loads from local variables to what was
// stored in them, at most four loads deep and each value once (a result
// variable stored at every return must not make this exponential).
func (g *group) reachDepth(v ssa.Value, depth int, seen map[ssa.Value]bool) tokset {
	if !carriesRef(v.Type()) {
		return 0
	}
	r := g.derOf(v)
	if root := g.memRoot(v); root != nil && !g.pinned[root] {
		r |= g.memDer[root]
	}
	if depth < 4 {
		if ld, ok := g.resolve(v).(*ssa.UnOp); ok && ld.Op == token.MUL {
			// A value loaded from a local variable reaches what was stored
			// there (a result variable, say).
			if root := g.memRoot(ld.X); root != nil && !g.pinned[root] {
				if seen == nil {
					seen = make(map[ssa.Value]bool)
				}
				for _, st := range g.stores[root] {
					if !seen[st] {
						seen[st] = true
						r |= g.reachDepth(st, depth+1, seen)
					}
				}
			}
		}
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
