package flow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// walker records the events of one function and collects its summary.
type walker struct {
	g    *group
	f    *ssa.Function
	root bool
	sum  *Summary

	returns       int
	releasedAt    map[int]int  // input token -> returns at which it had ended
	releaseDomain map[int]int  // input token -> the domain it is ended on
	iterEnded     map[int]bool // input token -> ended at some return by a range-over-func body
}

// walk revisits every block of f from its entry state, recording events
// and, for the root, the summary.
func (g *group) walk(f *ssa.Function, in [][]tstate, root bool, sum *Summary) {
	w := &walker{g: g, f: f, root: root, sum: sum, releasedAt: make(map[int]int), releaseDomain: make(map[int]int), iterEnded: make(map[int]bool)}
	for _, b := range f.Blocks {
		if in[b.Index] == nil && b.Index != 0 {
			continue // unreachable
		}
		state := append([]tstate(nil), in[b.Index]...)
		for _, instr := range b.Instrs {
			g.transfer(instr, state, w)
		}
	}
	if !root {
		return
	}
	for i, t := range g.toks {
		if t.kind == tokInput && t.fn == f && w.returns > 0 && w.releasedAt[i] == w.returns {
			sum.Releases = append(sum.Releases, t.input)
		}
		if t.kind == tokInput && t.fn == f && (w.releasedAt[i] > 0 || w.iterEnded[i]) {
			sum.mayRelease = append(sum.mayRelease, t.input)
		}
	}
	sortReleases(sum)
	slices.Sort(sum.ReadsThrough)
	sum.ReadsThrough = slices.Compact(sum.ReadsThrough)
	slices.Sort(sum.Requires)
	sum.Requires = slices.Compact(sum.Requires)
	slices.Sort(sum.Derives)
	sum.Derives = slices.Compact(sum.Derives)
}

func (w *walker) emit(e Event, t int, kind EventKind) {
	g := w.g
	if !g.events {
		return
	}
	key := reportKey{kind, w.f, t, token.NoPos}
	if t < 0 {
		key.pos = e.Pos
	}
	if g.reported[key] {
		return
	}
	g.reported[key] = true
	e.Kind = kind
	if e.Pos == token.NoPos {
		e.Pos = w.f.Pos()
	}
	e.Func = w.f.RelString(w.f.Pkg.Pkg)
	if t >= 0 {
		tk := g.display(t)
		if g.toks[t].shared {
			return
		}
		e.AcquiredBy = tk.by
		e.AcquiredAt = tk.pos
		e.Domain = tk.domain.name
	}
	g.e.result.Events = append(g.e.result.Events, e)
}

// sectionTokens returns the section tokens (not sources) in s.
func (w *walker) sectionTokens(s tokset) tokset {
	var out tokset
	s.each(func(i int) {
		if w.g.toks[i].kind != tokSource {
			out |= bit(i)
		}
	})
	return out
}

// check records the events at instr, given the state just before it.
func (w *walker) check(instr ssa.Instruction, state []tstate) {
	g := w.g
	if ctx := g.ctxAt(instr); ctx {
		g.states[instr] = append([]tstate(nil), state...)
	}
	if testHookHeld != nil {
		if c, ok := instr.(ssa.CallInstruction); ok {
			testHookHeld(c.Common(), g.held(state))
		}
	}
	switch v := instr.(type) {
	case *ssa.Call:
		w.checkCall(v.Common(), v.Pos(), state, false)
		w.checkCallback(v, state)
	case *ssa.Go:
		w.checkCall(v.Common(), v.Pos(), state, true)
		w.checkGo(v, state)
	case *ssa.Defer:
		// A deferred call runs at return, but what it ends is known now.
		w.checkRelease(v.Common(), v.Pos(), nil)
	case *ssa.Return:
		w.checkReturn(v, state)
	case *ssa.Panic:
		if v.Pos() != token.NoPos { // not one of the builder's own checks
			w.checkExit(state, v.Pos(), true)
		}
	case *ssa.Store:
		w.checkStore(v, state)
	case *ssa.MapUpdate:
		w.checkMapUpdate(v, state)
	case *ssa.Send:
		w.escape(g.reach(v.X), state, v.Pos(), "is sent on a channel")
	}
	w.checkUses(instr, state)
	w.checkAccess(instr)
	w.checkBlocking(instr, state)
	w.noteLocking(instr, state)
	w.checkUpdate(instr, state)
}

// ctxAt reports whether an in-context closure runs at instr.
func (g *group) ctxAt(instr ssa.Instruction) bool {
	for _, c := range g.ctx {
		if c.at == instr {
			return true
		}
	}
	return false
}

func (w *walker) checkCall(c *ssa.CallCommon, pos token.Pos, state []tstate, inGo bool) {
	g := w.g
	callee, api, sum := g.callee(c)
	if role, ok := api.Has(apisem.Deref); ok && role.Arg < len(c.Args) {
		w.needLive(c.Args[role.Arg], state, pos, "", inGo)
	}
	if sum != nil {
		for _, i := range sum.Requires {
			if i < len(c.Args) {
				w.needLive(c.Args[i], state, pos, callee.Name(), inGo)
			}
		}
	}
	w.checkRelease(c, pos, state)
	if sum != nil {
		for k, i := range sum.Releases {
			if i < len(c.Args) {
				w.checkEnd(c.Args[i], g.domainOf(c, sum.releaseDomain(k)), callee.Name(), pos, state)
			}
		}
	}
	w.checkAccessArgs(c, pos, sum)
}

// checkRelease records the mistakes of a release call: the zero Section,
// another domain's section, and (given the state, for a call made now) a
// section that has already ended.
func (w *walker) checkRelease(c *ssa.CallCommon, pos token.Pos, state []tstate) {
	g := w.g
	callee, api, _ := g.callee(c)
	role, ok := api.Has(apisem.Release)
	if !ok || role.Arg >= len(c.Args) {
		return
	}
	arg := c.Args[role.Arg]
	if isZero(arg) {
		w.emit(Event{Pos: pos, Zero: true, Callee: callee.Name()}, -1, ReleaseZero)
	}
	w.checkEnd(arg, g.domainOf(c, role.Domain), callee.Name(), pos, state)
}

// checkEnd records the mistakes of ending section value arg on domain d
// with function by: a section of another domain, or (given the state, for
// an end made now) one that has already ended. It also remembers, for the
// summary, on which domain the function ends its Section parameters.
func (w *walker) checkEnd(arg ssa.Value, d domain, by string, pos token.Pos, state []tstate) {
	g := w.g
	g.secOf(arg).each(func(i int) {
		if state != nil && state[i].st == ended {
			w.emit(Event{Pos: pos, EndedAt: state[i].endedAt, Callee: by}, i, DoubleRelease)
		}
	})
	g.under(g.secOf(arg)).each(func(i int) {
		t := g.toks[i]
		if t.kind == tokAcquired && t.domain.differs(d) {
			w.emit(Event{Pos: pos, How: d.name, Callee: by}, i, WrongDomain)
		}
		if t.kind == tokInput && t.fn == w.f {
			switch {
			case d.classic:
				w.releaseDomain[i] = apisem.Classic
			case d.srcu:
				if p := paramIndex(w.f, d.key); p >= 0 {
					w.releaseDomain[i] = p
				}
			}
		}
	})
}

// checkAccessArgs records values obtained with Access handed to a function
// that reads through the parameter.
func (w *walker) checkAccessArgs(c *ssa.CallCommon, pos token.Pos, sum *Summary) {
	if sum == nil {
		return
	}
	for _, i := range sum.ReadsThrough {
		if i < len(c.Args) && w.g.access[w.g.resolve(c.Args[i])] {
			w.emit(Event{Pos: pos}, -1, AccessDeref)
		}
	}
}

// needLive records a dereference under section value arg, which must be
// live. via names the helper that dereferences, if it is not an API.
func (w *walker) needLive(arg ssa.Value, state []tstate, pos token.Pos, via string, inGo bool) {
	g := w.g
	if isZero(arg) {
		w.emit(Event{Pos: pos, Zero: true, Callee: via}, -1, DerefEnded)
		return
	}
	g.secOf(arg).each(func(i int) {
		st := state[i]
		t := g.toks[i]
		if t.kind == tokInput && t.fn == w.f && st.st == live && w.root {
			w.sum.Requires = append(w.sum.Requires, t.input)
		}
		if inGo && (st.st == live || st.st == maybe) {
			st.st = maybe
			st.goroutine = true
		}
		if st.iterEnded {
			return
		}
		switch st.st {
		case ended, maybe:
			w.emit(Event{Pos: pos, EndedAt: st.endedAt, Maybe: st.st == maybe, Goroutine: st.goroutine, Callback: st.callback, Callee: via}, i, DerefEnded)
		}
	})
}

// isZero reports whether v is the zero value, or a part of one.
func isZero(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Const:
		return v.Value == nil
	case *ssa.Field:
		return isZero(v.X)
	case *ssa.Index:
		return isZero(v.X)
	case *ssa.UnOp:
		if a, ok := rootOf(v.X).(*ssa.Alloc); ok && v.Op == token.MUL && !a.Heap {
			return neverWritten(a, 0)
		}
	}
	return false
}

// neverWritten reports whether nothing is stored into the local variable
// (or the part of it) at addr, and its address goes nowhere else.
func neverWritten(addr ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, r := range *addr.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.FieldAddr:
			if !neverWritten(r, depth+1) {
				return false
			}
		case *ssa.IndexAddr:
			if !neverWritten(r, depth+1) {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// checkUses records uses of protected pointers whose section has ended.
func (w *walker) checkUses(instr ssa.Instruction, state []tstate) {
	g := w.g
	for _, op := range usedOperands(instr) {
		if w.root {
			g.derOf(op).each(func(i int) {
				if t := g.toks[i]; t.kind == tokSource && t.fn == w.f && t.input < len(w.f.Params) {
					w.sum.ReadsThrough = append(w.sum.ReadsThrough, t.input)
				}
			})
		}
		w.sectionTokens(g.derOf(op)).each(func(i int) {
			st := state[i]
			if st.goroutine || st.callback || st.iterEnded || g.reported[reportKey{DerefEnded, w.f, i, token.NoPos}] {
				return // reported where the goroutine or callback captures it, or at the dereference
			}
			if st.st == ended || st.st == maybe {
				w.emit(Event{Pos: posOf(instr), EndedAt: st.endedAt, Maybe: st.st == maybe}, i, UseAfterEnd)
			}
		})
	}
}

// usedOperands returns the operands of instr that it reads or writes
// through, as opposed to copying, converting or comparing them.
func usedOperands(instr ssa.Instruction) []ssa.Value {
	switch v := instr.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL || v.Op == token.ARROW {
			return []ssa.Value{v.X}
		}
	case *ssa.Store:
		return []ssa.Value{v.Addr}
	case *ssa.FieldAddr:
		return []ssa.Value{v.X}
	case *ssa.IndexAddr:
		return []ssa.Value{v.X}
	case *ssa.Lookup:
		return []ssa.Value{v.X}
	case *ssa.MapUpdate:
		return []ssa.Value{v.Map}
	case *ssa.Range:
		return []ssa.Value{v.X}
	case *ssa.Slice:
		return []ssa.Value{v.X}
	case *ssa.Send:
		return []ssa.Value{v.Chan}
	case *ssa.Call:
		c := v.Common()
		ops := append([]ssa.Value{}, c.Args...)
		if c.IsInvoke() || c.StaticCallee() == nil {
			ops = append(ops, c.Value)
		}
		return ops
	}
	return nil
}

// posOf returns a position for instr, falling back to earlier instructions
// of its block for the ones the builder made without one.
func posOf(instr ssa.Instruction) token.Pos {
	if p := instr.Pos(); p != token.NoPos {
		return p
	}
	b := instr.Block()
	for i := len(b.Instrs) - 1; i >= 0; i-- {
		if b.Instrs[i] == instr {
			for j := i; j >= 0; j-- {
				if p := b.Instrs[j].Pos(); p != token.NoPos {
					return p
				}
			}
		}
	}
	return instr.Parent().Pos()
}

// checkAccess records dereferences of values obtained with an access
// function.
func (w *walker) checkAccess(instr ssa.Instruction) {
	g := w.g
	var x ssa.Value
	switch v := instr.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			x = v.X
		}
	case *ssa.FieldAddr:
		x = v.X
	case *ssa.IndexAddr:
		x = v.X
	case *ssa.Call:
		if fn := v.Common().StaticCallee(); fn != nil && fn.Signature.Recv() != nil && len(v.Common().Args) > 0 {
			if _, ok := fn.Signature.Recv().Type().Underlying().(*types.Pointer); ok {
				x = v.Common().Args[0]
			}
		}
	}
	if x != nil && g.access[g.resolve(x)] {
		w.emit(Event{Pos: posOf(instr)}, -1, AccessDeref)
	}
}

// checkStore records a protected pointer stored where it outlives its
// section: anywhere but a local variable.
func (w *walker) checkStore(v *ssa.Store, state []tstate) {
	g := w.g
	if g.memRoot(v.Addr) != nil {
		return
	}
	how := "is stored in memory that outlives the section"
	switch root := rootOf(v.Addr); root.(type) {
	case *ssa.Global:
		how = "is stored in package variable " + root.Name()
	case *ssa.Parameter, *ssa.FreeVar:
		how = "is stored through " + root.Name() + ", which outlives the section"
	}
	if w.sectionTokens(g.derOf(v.Addr)) != 0 {
		return // a write into the protected object itself: an update-side matter
	}
	w.escape(g.reach(v.Val), state, posOf(v), how)
}

// checkMapUpdate records a protected pointer put in a map that outlives its
// section.
func (w *walker) checkMapUpdate(v *ssa.MapUpdate, state []tstate) {
	g := w.g
	if g.localObject(v.Map, nil) != nil || w.sectionTokens(g.derOf(v.Map)) != 0 {
		return
	}
	how := "is stored in a map that outlives the section"
	if root := rootOf(v.Map); root != nil {
		switch root.(type) {
		case *ssa.Global:
			how = "is stored in package variable " + root.Name()
		case *ssa.Parameter, *ssa.FreeVar:
			how = "is stored through " + root.Name() + ", which outlives the section"
		}
	}
	w.escape(g.reach(v.Value)|g.reach(v.Key), state, posOf(v), how)
}

func rootOf(addr ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			addr = a.X
		case *ssa.UnOp:
			if a.Op != token.MUL {
				return addr
			}
			addr = a.X
		default:
			return addr
		}
	}
	return addr
}

// escape records protected pointers (of sections acquired in this group)
// that escape by how.
func (w *walker) escape(d tokset, state []tstate, pos token.Pos, how string) {
	g := w.g
	w.sectionTokens(d).each(func(i int) {
		if g.display(i).kind == tokAcquired {
			w.emit(Event{Pos: pos, How: how, EndedAt: state[i].endedAt}, i, Escape)
		}
	})
}

func (w *walker) checkGo(v *ssa.Go, state []tstate) {
	g := w.g
	c := v.Common()
	var d tokset
	for _, a := range c.Args {
		d |= g.reach(a)
	}
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		d |= g.derOf(mc)
	}
	w.escape(d, state, v.Pos(), "is captured by a goroutine, which may run after the section ends")
}

// closureDefer names a deferred closure in events; its own analysis, where
// it runs, reports what it does.
const closureDefer = "a deferred closure"

// checkCallback records protected pointers captured by a callback queued
// here: it runs after a grace period, when their section has ended.
func (w *walker) checkCallback(v *ssa.Call, state []tstate) {
	g := w.g
	c := v.Common()
	_, api, _ := g.callee(c)
	role, ok := api.Has(apisem.Call)
	if !ok || role.Arg >= len(c.Args) {
		return
	}
	w.escape(g.reach(c.Args[role.Arg]), state, v.Pos(), "is captured by a callback, which runs after a grace period, when the section has ended")
}

func (w *walker) checkReturn(v *ssa.Return, state []tstate) {
	g := w.g
	w.returns++
	var returned tokset
	for _, r := range v.Results {
		returned |= g.under(g.reachSec(r))
		if w.root {
			g.under(g.secOf(r)).each(func(i int) {
				if t := g.toks[i]; t.kind == tokInput && t.fn == w.f && t.input < len(w.f.Params) && !slices.Contains(w.sum.Passes, t.input) {
					w.sum.Passes = append(w.sum.Passes, t.input)
				}
			})
			g.derOf(r).each(func(i int) {
				if t := g.toks[i]; t.kind != tokAcquired && t.fn == w.f && t.input < len(w.f.Params) {
					w.sum.Derives = append(w.sum.Derives, t.input)
				}
			})
		}
		// A protected pointer returned after its section ended (or with
		// the section ending in a deferred call) escapes it.
		w.sectionTokens(g.reach(r)).each(func(i int) {
			if t := g.display(i); t.kind == tokAcquired && t.fn == w.f && (state[i].st != live || state[i].deferred) {
				w.emit(Event{Pos: v.Pos(), How: "is returned after its section ends", Deferred: state[i].deferred, EndedAt: state[i].endedAt}, i, Escape)
			}
		})
	}
	if ex, ok := g.exit[w.f]; ok {
		for i := range ex {
			ex[i] = join(ex[i], state[i])
		}
	} else {
		g.exit[w.f] = append([]tstate(nil), state...)
	}
	for i, t := range g.toks {
		if state[i].deferred && state[i].st == ended && t.fn == w.f && state[i].deferBy != closureDefer {
			w.emit(Event{Pos: state[i].deferPos, EndedAt: state[i].endedAt, Callee: state[i].deferBy}, i, DoubleRelease)
		}
		if t.kind == tokInput && t.fn == w.f && state[i].st == maybe && state[i].iterEnded {
			w.iterEnded[i] = true // a range-over-func body in here ends it on its way out
		}
		if t.kind == tokInput && t.fn == w.f && (state[i].st == ended || state[i].deferred) {
			w.releasedAt[i]++
			if d, ok := w.releaseDomain[i]; ok && w.root {
				w.sum.setReleaseDomain(t.input, d)
			}
		}
		if w.root && t.kind == tokAcquired && t.fn == w.f && returned&bit(i) != 0 && state[i].st == live && !state[i].deferred {
			w.sum.Acquires = true
			w.sum.AcquireDomain = apisem.None
			if t.domain.classic {
				w.sum.AcquireDomain = apisem.Classic
			} else if p := paramIndex(w.f, t.domain.key); p >= 0 {
				w.sum.AcquireDomain = p
			}
		}
	}
	w.checkExit(state, v.Pos(), false, returned)
}

func paramIndex(f *ssa.Function, key string) int {
	for i, p := range f.Params {
		if k, _ := valueKey(p); k != "" && (key == k || len(key) > len(k) && key[:len(k)+1] == k+".") {
			return i
		}
	}
	return -1
}

// checkExit records sections begun in this function that are still live
// where it returns or panics, unless they are handed to the caller.
func (w *walker) checkExit(state []tstate, pos token.Pos, panics bool, handed ...tokset) {
	g := w.g
	var out tokset
	for _, h := range handed {
		out |= h
	}
	for i, t := range g.toks {
		if t.kind != tokAcquired || t.fn != w.f || out&bit(i) != 0 || state[i].deferred || g.lost&bit(i) != 0 || g.stored(i) {
			continue
		}
		if st := state[i].st; st == live || st == maybe && !state[i].iterEnded {
			var fix *FixHint
			if g.events && !g.released(i) {
				fix = g.deferFix(t)
			}
			w.emit(Event{Pos: pos, Panic: panics, Maybe: st == maybe, Callee: t.by, Fix: fix}, i, Unbalanced)
		}
	}
}

// stored reports whether section token i is stored outside local
// variables, so that somebody else may end it.
func (g *group) stored(i int) bool {
	for _, f := range g.fns {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if s, ok := instr.(*ssa.Store); ok && g.memRoot(s.Addr) == nil && g.under(g.secOf(s.Val))&bit(i) != 0 {
					return true
				}
				if mc, ok := instr.(*ssa.MakeClosure); ok && !g.e.inContext[mc.Fn.(*ssa.Function)] {
					for _, bnd := range mc.Bindings {
						if g.under(g.secOf(bnd))&bit(i) != 0 {
							return true
						}
						if root := g.memRoot(bnd); root != nil && g.mem[root]&bit(i) != 0 {
							return true
						}
					}
				}
			}
		}
	}
	return false
}
