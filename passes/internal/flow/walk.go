package flow

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

// walker records the findings of one function and collects its summary.
type walker struct {
	g    *group
	f    *ssa.Function
	root bool
	sum  *summary

	returns       int
	releasedAt    map[int]int  // input token -> returns at which it had ended
	releaseDomain map[int]int  // input token -> the domain it is ended on
	iterEnded     map[int]bool // input token -> ended at some return by a range-over-func body
}

// walk revisits every block of f from its entry state, recording findings
// and, for the root, the summary.
func (g *group) walk(f *ssa.Function, in [][]tstate, root bool, sum *summary) {
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
	sortReleases(&sum.SectionSummary)
	slices.Sort(sum.ReadsThrough)
	sum.ReadsThrough = slices.Compact(sum.ReadsThrough)
	slices.Sort(sum.Requires)
	sum.Requires = slices.Compact(sum.Requires)
	slices.Sort(sum.Derives)
	sum.Derives = slices.Compact(sum.Derives)
}

// report records a finding of kind at pos about section token t (-1
// for none), with the message that msg writes given the section, unless
// one of that kind was already recorded in this function for t, or for a
// merge of sections named as t is (or, with no section, at pos). It
// returns the finding, or nil.
func (w *walker) report(kind findingKind, t int, pos token.Pos, msg func(s section) string) *Finding {
	g := w.g
	if !g.findings {
		return nil
	}
	key := reportKey{kind, w.f, nil, token.NoPos}
	if t >= 0 {
		key.tok = g.display(t)
	}
	if t < 0 || kind == escape {
		key.pos = pos // each escape has a fix of its own
	}
	if g.reported[key] {
		return nil
	}
	g.reported[key] = true
	if pos == token.NoPos {
		pos = w.f.Pos()
	}
	var s section
	if t >= 0 {
		if g.toks[t].shared {
			return nil
		}
		tk := g.display(t)
		s = section{by: tk.by, at: tk.pos, domain: tk.domain.name}
	}
	return g.e.report(kind, pos, msg(s))
}

// sectionTokens returns the section tokens (not sources) in s.
func (w *walker) sectionTokens(s tokset) tokset {
	var out tokset
	s.each(func(i int) {
		if !w.g.toks[i].stateless() {
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
		w.checkCall(v.Common(), v, v.Pos(), state, false)
		w.checkCallback(v, state)
		w.checkLater(v, state)
		w.checkAtomicStore(v, state)
		w.checkOverwrite(v, state)     // rcu1003_balance.go
		w.checkQuiescentLeak(v, state) // rcu1003_loopleak.go
	case *ssa.Go:
		w.checkCall(v.Common(), nil, v.Pos(), state, true)
		w.checkGo(v, state)
	case *ssa.Defer:
		// A deferred call runs at return, but what it ends is known now.
		w.checkRelease(v.Common(), v.Pos(), nil)
	case *ssa.Return:
		w.checkReturn(v, state)
	case *ssa.Panic:
		if v.Pos() != token.NoPos { // not one of the builder's own checks
			w.checkOpenAtExit(state, v, true)
		}
	case *ssa.Store:
		w.checkStore(v, state)
	case *ssa.MapUpdate:
		w.checkMapUpdate(v, state)
	case *ssa.Send:
		w.escape(g.reach(v.X), state, v.Pos(), "is sent on a channel", v.X)
	case *ssa.Select:
		for _, st := range v.States {
			if st.Dir == types.SendOnly && st.Send != nil {
				w.escape(g.reach(st.Send), state, st.Pos, "is sent on a channel", st.Send)
			}
		}
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

// checkCall records the findings of a call (result is the call's value,
// nil for a go statement).
func (w *walker) checkCall(c *ssa.CallCommon, result ssa.Value, pos token.Pos, state []tstate, inGo bool) {
	g := w.g
	callee, api, sum := g.callee(c)
	if role, ok := api.Has(apisem.Deref); ok && role.Arg < len(c.Args) {
		w.needLive(c.Args[role.Arg], result, state, pos, "", inGo)
	}
	if sum != nil {
		for _, i := range sum.Requires {
			if i < len(c.Args) {
				w.needLive(c.Args[i], result, state, pos, callee.Name(), inGo)
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
	w.checkAccessArgs(c, callee, pos, sum)
}

// checkUpdate records the update-side events at instr.
func (w *walker) checkUpdate(instr ssa.Instruction, state []tstate) {
	g := w.g
	switch v := instr.(type) {
	case *ssa.Store:
		if !g.guarded(v.Addr, state) {
			w.writeThrough(v.Addr, state, posOf(v))
			w.initAfterPublish(v.Addr, v, posOf(v))
			w.noteWrite(v.Addr, posOf(v))
		}
	case *ssa.MapUpdate:
		if !g.guarded(v.Map, state) {
			w.writeThrough(v.Map, state, posOf(v))
			w.initAfterPublish(v.Map, v, posOf(v))
			w.noteWrite(v.Map, posOf(v))
		}
	case *ssa.Call:
		c := v.Common()
		callee, api, sum := g.callee(c)
		if role, ok := api.Has(apisem.Protected); ok && role.Arg < len(c.Args) {
			w.checkHeld(v, c.Args[role.Arg], callee.Name(), v.Pos(), state)
		}
		w.notePointerUse(v, state)
		if b, ok := c.Value.(*ssa.Builtin); ok && b.Name() == "delete" && len(c.Args) == 2 && !g.guarded(c.Args[0], state) {
			// delete(m, k) writes into the map like m[k] = v.
			w.writeThrough(c.Args[0], state, v.Pos())
			w.initAfterPublish(c.Args[0], v, v.Pos())
			w.noteWrite(c.Args[0], v.Pos())
		}
		var writes []int
		if sum != nil && api == nil {
			writes = sum.WritesThrough
		} else if callee != nil && callee.Pkg != nil && callee.Signature.Recv() == nil && sortsInPlace[callee.Pkg.Pkg.Path()+"."+callee.Name()] {
			writes = []int{0} // sort.Slice(bs, ...) reorders bs in place
		} else if api == nil && callee != nil && callee.Pkg != nil && callee.Pkg.Pkg != g.e.pass.Pkg {
			// A setter of a package that cannot reach RCU, known from
			// its syntax (passes/internal/paramuse).
			if obj, ok := callee.Object().(*types.Func); ok {
				writes = g.e.params.Writes(obj)
			}
		}
		if len(writes) > 0 {
			// A function that writes into what a parameter points to, at
			// the call: the object is written here.
			for _, i := range writes {
				if i < len(c.Args) && !g.guarded(c.Args[i], state) {
					w.writeThrough(c.Args[i], state, v.Pos())
					w.initAfterPublishObj(c.Args[i], v, v.Pos())
					w.noteWrite(c.Args[i], v.Pos())
				}
			}
		}
	}
}

func (w *walker) checkReturn(v *ssa.Return, state []tstate) {
	g := w.g
	w.returns++
	if w.root && g.e.iterBody[w.f] {
		w.noteExit(v, state)
	}
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
		// the section ending in a deferred call) escapes it, at the return
		// statement that returns it.
		rv := returnedValue(v, r)
		if rv == nil {
			continue
		}
		w.sectionTokens(g.reach(rv)).each(func(i int) {
			if t := g.display(i); t.kind == tokAcquired && t.fn == w.f && (state[i].st != live || state[i].deferred) {
				how := "is returned after its section ends"
				if state[i].deferred {
					how = "is returned, but the section ends in a deferred ReadUnlock"
				}
				w.reportEscape(i, v.Pos(), how, rv)
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
			w.reportDoubleRelease(i, state[i].deferPos, state[i].deferBy, state[i].endedAt, false)
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
			} else if p := domainParam(w.f, t.domain.key); p >= 0 {
				w.sum.AcquireDomain = p
			}
		}
	}
	w.checkOpenAtExit(state, v, false, returned)
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
		if fn := c.StaticCallee(); fn != nil && fn.Name() == "CompareAndSwap" && len(c.Args) > 0 {
			// A compare-and-swap compares and stores the pointers it is
			// given; it reads only through its receiver.
			return c.Args[:1]
		}
		ops := append([]ssa.Value{}, c.Args...)
		if c.IsInvoke() || c.StaticCallee() == nil {
			ops = append(ops, c.Value)
		}
		return ops
	}
	return nil
}

// noteExit records, for a return of a range-over-func loop body that
// leaves the loop by an exit of the enclosing function (the body stores
// the exit's number, k > 0, in the loop's jump variable), which of the
// body's inputs are still open there.
func (w *walker) noteExit(v *ssa.Return, state []tstate) {
	k, ok := exitNumber(w.f, v)
	if !ok || k <= 0 {
		return
	}
	for i, t := range w.g.toks {
		if t.kind == tokInput && t.fn == w.f && state[i].st == live && !state[i].deferred {
			if w.sum.exitOpen == nil {
				w.sum.exitOpen = make(map[int64][]int)
			}
			if !slices.Contains(w.sum.exitOpen[k], t.input) {
				w.sum.exitOpen[k] = append(w.sum.exitOpen[k], t.input)
			}
		}
	}
}

// jumpVar returns the index among fn's free variables of a range-over-func
// body's jump variable, or -1.
func jumpVar(fn *ssa.Function) int {
	for i, fv := range fn.FreeVars {
		if strings.HasPrefix(fv.Name(), "jump$") {
			return i
		}
	}
	return -1
}

// exitNumber returns the number a body's return stores in its jump
// variable just before it: -1 to go on looping, 0 when the loop is done,
// k > 0 for the k-th exit of the enclosing function.
func exitNumber(fn *ssa.Function, ret *ssa.Return) (int64, bool) {
	j := jumpVar(fn)
	if j < 0 {
		return 0, false
	}
	b := ret.Block()
	for i := len(b.Instrs) - 1; i >= 0; i-- {
		st, ok := b.Instrs[i].(*ssa.Store)
		if !ok || st.Addr != ssa.Value(fn.FreeVars[j]) {
			continue
		}
		if c, ok := st.Val.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
			if k, exact := constant.Int64Val(c.Value); exact {
				return k, true
			}
		}
		return 0, false
	}
	return 0, false
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

func index(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// returnedValue returns what return statement ret returns as its result r.
// In a function with deferred calls every return statement stores its
// results into the result variables and the function returns what it loads
// from them: the value is the one this statement stored (in its block,
// before ret). It returns nil for the recover path, which no statement
// returns from.
func returnedValue(ret *ssa.Return, r ssa.Value) ssa.Value {
	ld, ok := r.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return r
	}
	slot, ok := ld.X.(*ssa.Alloc)
	if !ok || slot.Heap {
		return r
	}
	b := ret.Block()
	for i := index(b, ret) - 1; i >= 0; i-- {
		if st, ok := b.Instrs[i].(*ssa.Store); ok && st.Addr == slot {
			return st.Val
		}
	}
	if b == ret.Parent().Recover {
		return nil
	}
	return r
}
