package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// The order of a module's Exit (RCU6003): stop queueing callbacks first,
// then wait for the queued ones with Barrier. A Barrier waits only for the
// callbacks queued before it began; one that comes before the code that
// stops the posting lets callbacks queued in between run after the module
// is gone.
//
// What stops the posting is read off the package's posters (the functions
// that queue a callback of the package, directly or through a function of
// the package that does, and the callbacks that queue themselves again):
// the channels they receive from, the boolean flags they read (plain or
// atomic.Bool), the tickers and timers whose channels they receive from,
// and the WaitGroups they mark done. In an Exit, closing such a channel,
// writing such a flag, stopping such a ticker or waiting for such a group
// (directly or in a function of the package that Exit calls) stops the
// posting on that poster's domain. Signals are told apart by class, as
// domains are: a package variable or a struct field.

// stopSignals are what the posters of one domain look at.
type stopSignals struct {
	chans   map[ident.Class]bool // channels received from
	flags   map[ident.Class]bool // boolean variables read
	tickers map[ident.Class]bool // tickers and timers whose channel is received from
	groups  map[ident.Class]bool // WaitGroups marked done
	// registrars: the objects of other packages the posting code was
	// handed to (bus.Default.Subscribe(onEvent)), or, for a function of
	// another package, that package (by its path, as a Global with no
	// name); undoing the registration there stops the posting.
	registrars map[ident.Class]bool
}

func newStopSignals() *stopSignals {
	return &stopSignals{chans: map[ident.Class]bool{}, flags: map[ident.Class]bool{}, tickers: map[ident.Class]bool{}, groups: map[ident.Class]bool{}, registrars: map[ident.Class]bool{}}
}

// unregisterNames are the names of the methods and functions that undo a
// registration.
var unregisterNames = map[string]bool{
	"Unsubscribe": true, "Unregister": true, "Deregister": true, "Remove": true, "RemoveHook": true,
	"Off": true, "Unwatch": true, "Detach": true, "Cancel": true, "Stop": true, "Close": true,
}

// registrarOf returns the registrar of a call of another package's code:
// the receiver of a method, the package of a function.
func (e *engine) registrarOf(c *ssa.CallCommon) (ident.Class, bool) {
	fn := c.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg == e.pass.Pkg {
		return ident.Class{}, false
	}
	if fn.Signature.Recv() != nil && len(c.Args) > 0 {
		cl := valueClass(c.Args[0])
		return cl, cl.Known() && !cl.IsParam()
	}
	return ident.GlobalVar(fn.Pkg.Pkg.Path(), ""), true
}

// posterSignals returns, by domain class, the stop signals of the
// package's posters.
func (e *engine) posterSignals(funcs []*ssa.Function) map[ident.Class]*stopSignals {
	posters := make(map[*ssa.Function]map[ident.Class]bool) // poster -> domains
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(ssa.CallInstruction); ok {
				e.eachPost(c.Common(), func(cb ssa.Value, class ident.Class) {
					if class.Known() && !class.IsParam() && e.belongs(cb) {
						if posters[fn] == nil {
							posters[fn] = make(map[ident.Class]bool)
						}
						posters[fn][class] = true
					}
				})
			}
		}
	}
	if len(posters) == 0 {
		return nil
	}
	// A function of the package that calls a poster posts too (a loop
	// that calls a helper that queues): carry each poster's domains to its
	// callers, and theirs, from a worklist.
	callers := make(map[*ssa.Function][]*ssa.Function)
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(ssa.CallInstruction); ok {
				if callee := c.Common().StaticCallee(); callee != nil && callee != fn {
					callers[callee] = append(callers[callee], fn)
				}
			}
		}
	}
	work := slices.Collect(maps.Keys(posters))
	for len(work) > 0 {
		callee := work[len(work)-1]
		work = work[:len(work)-1]
		for _, fn := range callers[callee] {
			grew := false
			for class := range posters[callee] {
				if !posters[fn][class] {
					if posters[fn] == nil {
						posters[fn] = make(map[ident.Class]bool)
					}
					posters[fn][class] = true
					grew = true
				}
			}
			if grew {
				work = append(work, fn)
			}
		}
	}
	// Where the posting code is handed to another package to run.
	registrars := make(map[*ssa.Function][]ident.Class)
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			reg, ok := e.registrarOf(c.Common())
			if !ok {
				continue
			}
			for _, a := range c.Common().Args {
				if f, _ := behind(a); f != nil && posters[f] != nil {
					registrars[f] = append(registrars[f], reg)
				}
			}
		}
	}
	out := make(map[ident.Class]*stopSignals)
	for _, fn := range slices.SortedFunc(maps.Keys(posters), func(a, b *ssa.Function) int { return e.comparePos(a.Pos(), b.Pos()) }) {
		sig := newStopSignals()
		readSignals(fn, sig)
		for _, r := range registrars[fn] {
			sig.registrars[r] = true
		}
		for class := range posters[fn] {
			if out[class] == nil {
				out[class] = newStopSignals()
			}
			maps.Copy(out[class].chans, sig.chans)
			maps.Copy(out[class].flags, sig.flags)
			maps.Copy(out[class].tickers, sig.tickers)
			maps.Copy(out[class].groups, sig.groups)
			maps.Copy(out[class].registrars, sig.registrars)
		}
	}
	return out
}

// readSignals adds to sig what fn looks at that can stop it.
func readSignals(fn *ssa.Function, sig *stopSignals) {
	recv := func(ch ssa.Value) {
		if fa := tickerChan(ch); fa != nil {
			if c := valueClass(fa.X); c.Known() {
				sig.tickers[c] = true
			}
			return
		}
		if c := valueClass(ch); c.Known() {
			sig.chans[c] = true
		}
	}
	for instr := range instructions(fn) {
		switch v := instr.(type) {
		case *ssa.UnOp:
			switch v.Op {
			case token.ARROW:
				recv(v.X)
			case token.MUL:
				if isBool(v.Type()) {
					if c := valueClass(v.X); c.Known() {
						sig.flags[c] = true
					}
				}
			}
		case *ssa.Select:
			for _, st := range v.States {
				if st.Dir == types.RecvOnly {
					recv(st.Chan)
				}
			}
		case *ssa.Call:
			c := v.Common()
			switch methodName(c) {
			case "sync/atomic.Bool.Load":
				if cl := valueClass(c.Args[0]); cl.Known() {
					sig.flags[cl] = true
				}
			case "sync.WaitGroup.Done":
				if cl := valueClass(c.Args[0]); cl.Known() {
					sig.groups[cl] = true
				}
			}
		}
	}
}

// tickerChan returns the field address of C if ch is the channel of a
// time.Ticker or time.Timer.
func tickerChan(ch ssa.Value) *ssa.FieldAddr {
	ld, ok := ch.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	if n, ok := types.Unalias(p.Elem()).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && (n.Obj().Name() == "Ticker" || n.Obj().Name() == "Timer") {
		return fa
	}
	return nil
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// stopOp describes what instr does to stop the posting on a domain with
// signals sig, or "".
func stopOp(instr ssa.Instruction, sig *stopSignals) string {
	switch v := instr.(type) {
	case *ssa.Call:
		c := v.Common()
		if b, ok := c.Value.(*ssa.Builtin); ok && b.Name() == "close" && len(c.Args) == 1 {
			if cl := valueClass(c.Args[0]); cl.Known() && sig.chans[cl] {
				return "closes the channel the posting code waits on"
			}
			return ""
		}
		if fn := c.StaticCallee(); fn != nil && unregisterNames[fn.Name()] && len(sig.registrars) > 0 && fn.Pkg != nil {
			cl := ident.GlobalVar(fn.Pkg.Pkg.Path(), "")
			if fn.Signature.Recv() != nil && len(c.Args) > 0 {
				cl = valueClass(c.Args[0])
			}
			if sig.registrars[cl] {
				return "unregisters the posting code (" + fn.Name() + ")"
			}
		}
		switch methodName(c) {
		case "sync/atomic.Bool.Store", "sync/atomic.Bool.Swap", "sync/atomic.Bool.CompareAndSwap":
			if sig.flags[valueClass(c.Args[0])] {
				return "sets the flag the posting code reads"
			}
		case "time.Ticker.Stop", "time.Timer.Stop":
			if sig.tickers[valueClass(c.Args[0])] {
				return "stops the ticker that drives the posting code"
			}
		case "sync.WaitGroup.Wait":
			if sig.groups[valueClass(c.Args[0])] {
				return "waits for the goroutines that post"
			}
		}
	case *ssa.Store:
		if isBool(v.Val.Type()) && sig.flags[valueClass(v.Addr)] {
			return "sets the flag the posting code reads"
		}
	}
	return ""
}

// stopsIn returns what fn, or a function of the package it calls (up to
// three calls deep), does to stop the posting, or "".
func (e *engine) stopsIn(fn *ssa.Function, sig *stopSignals, depth int, seen map[*ssa.Function]bool) string {
	if fn == nil || depth > 3 || seen[fn] || fn.Pkg == nil || fn.Pkg.Pkg != e.pass.Pkg {
		return ""
	}
	seen[fn] = true
	for instr := range instructions(fn) {
		if how := stopOp(instr, sig); how != "" {
			return how
		}
		if c, ok := instr.(*ssa.Call); ok {
			if callee := c.Common().StaticCallee(); callee != nil {
				if how := e.stopsIn(callee, sig, depth+1, seen); how != "" {
					return "calls " + callee.Name() + ", which " + how
				}
			}
		}
	}
	return ""
}

// stopState is what may have happened on some path to a point of an Exit:
// a Barrier of a domain (where), a stop after it with no Barrier since
// (the Barrier, the stop and how), and the domains whose Barrier is
// deferred.
type stopState struct {
	barrier  map[ident.Class]token.Pos
	pending  map[ident.Class]pendingStop
	deferred map[ident.Class]bool
}

type pendingStop struct {
	barrier, stop token.Pos
	how           string
}

func (s stopState) clone() stopState {
	return stopState{maps.Clone(s.barrier), maps.Clone(s.pending), maps.Clone(s.deferred)}
}

// join adds o to s and reports whether s changed.
func (s *stopState) join(o stopState) bool {
	c1 := mergeInto(s.barrier, o.barrier)
	c2 := mergeInto(s.pending, o.pending)
	c3 := mergeInto(s.deferred, o.deferred)
	return c1 || c2 || c3
}

// checkStopOrder reports (BarrierBeforeStop) a Barrier in Exit fn that
// can come before the code that stops the posting on its domain, with no
// Barrier of that domain after the stop on some path that returns.
func (e *engine) checkStopOrder(fn *ssa.Function, signals map[ident.Class]*stopSignals) {
	if len(signals) == 0 || len(fn.Blocks) == 0 {
		return
	}
	classes := slices.SortedFunc(maps.Keys(signals), ident.Compare)
	how := make(map[ssa.Instruction]map[ident.Class]string) // instr -> domain -> how it stops
	for instr := range instructions(fn) {
		for _, class := range classes {
			h := stopOp(instr, signals[class])
			if h == "" {
				if c, ok := instr.(*ssa.Call); ok {
					if callee := c.Common().StaticCallee(); callee != nil {
						if s := e.stopsIn(callee, signals[class], 1, map[*ssa.Function]bool{fn: true}); s != "" {
							h = "calls " + callee.Name() + ", which " + s
						}
					}
				}
			}
			if h != "" {
				if how[instr] == nil {
					how[instr] = make(map[ident.Class]string)
				}
				how[instr][class] = h
			}
		}
	}
	if len(how) == 0 {
		return
	}
	barriersOf := func(c *ssa.CallCommon) []ident.Class {
		st := e.teardownCall(c, teardownState{}, false)
		return st.barriers
	}
	step := func(b *ssa.BasicBlock, st stopState, report func(pendingStop, ident.Class)) stopState {
		for _, instr := range b.Instrs {
			// A call that both stops the posting and waits (a helper
			// that sets the flag, then calls Barrier) is taken to do
			// them in that order: its stop is applied first.
			for class, h := range how[instr] {
				if at, ok := st.barrier[class]; ok {
					if _, ok := st.pending[class]; !ok {
						st.pending[class] = pendingStop{barrier: at, stop: instr.Pos(), how: h}
					}
				}
			}
			switch v := instr.(type) {
			case *ssa.Call:
				for _, class := range barriersOf(v.Common()) {
					st.barrier[class] = v.Pos()
					delete(st.pending, class)
				}
			case *ssa.Defer:
				for _, class := range barriersOf(v.Common()) {
					st.deferred[class] = true
				}
			case *ssa.Return:
				if report != nil {
					for _, class := range slices.SortedFunc(maps.Keys(st.pending), ident.Compare) {
						if !st.deferred[class] {
							report(st.pending[class], class)
						}
					}
				}
			}
		}
		return st
	}
	in := forward(fn, stopState{map[ident.Class]token.Pos{}, map[ident.Class]pendingStop{}, map[ident.Class]bool{}},
		stopState.clone, (*stopState).join,
		func(b *ssa.BasicBlock, st stopState) stopState { return step(b, st, nil) }, nil)
	name := fn.Name()
	if fn.Parent() != nil {
		name = "the Exit function literal"
	}
	reported := make(map[ident.Class]bool)
	for _, b := range fn.Blocks {
		if in[b.Index] == nil {
			continue
		}
		step(b, in[b.Index].clone(), func(p pendingStop, class ident.Class) {
			if reported[class] {
				return
			}
			reported[class] = true
			e.report(barrierBeforeStop, p.barrier, fmt.Sprintf("%s, a module's Exit, waits for the callbacks queued on %s before the code at %s %s: callbacks queued in between are not waited for and may run after the module is gone; stop the posting first, then call Barrier", name, class.ShortDomainName(), e.at(p.stop), p.how), rel(p.stop, "the posting is stopped here"))
		})
	}
}

// checkUnstoppable reports (RCU6003) a callback that queues itself again,
// directly or through the package's functions it calls, on every path and
// with nothing it looks at that could stop it (no channel, flag, ticker or
// WaitGroup): the module's Exit can stop nothing before its Barrier, and
// no Barrier drains a callback that always queues another. The report is
// at the call that queues it again.
func (e *engine) checkUnstoppable(funcs []*ssa.Function) {
	callees := make(map[*ssa.Function][]*ssa.Function)
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(ssa.CallInstruction); ok {
				if callee := c.Common().StaticCallee(); callee != nil && callee.Pkg == fn.Pkg {
					callees[fn] = append(callees[fn], callee)
				}
			}
		}
	}
	reach := func(from *ssa.Function) map[*ssa.Function]bool {
		seen := map[*ssa.Function]bool{from: true}
		work := []*ssa.Function{from}
		for len(work) > 0 && len(seen) < 64 {
			f := work[len(work)-1]
			work = work[:len(work)-1]
			for _, c := range callees[f] {
				if !seen[c] {
					seen[c] = true
					work = append(work, c)
				}
			}
		}
		return seen
	}
	for _, g := range funcs {
		for instr := range instructions(g) {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			e.eachPost(c.Common(), func(cb ssa.Value, domain ident.Class) {
				if !domain.Known() || domain.IsParam() || !onEveryPath(instr) {
					return
				}
				for _, t := range e.callbackTargets(cb, funcs) {
					r := reach(t)
					if !r[g] {
						continue
					}
					sig := newStopSignals()
					for f := range r {
						readSignals(f, sig)
					}
					if len(sig.chans)+len(sig.flags)+len(sig.tickers)+len(sig.groups) > 0 {
						continue
					}
					if e.once(barrierBeforeStop, instr.Pos()) {
						e.report(barrierBeforeStop, instr.Pos(), fmt.Sprintf("this callback queues itself again on %s on every path, and nothing it looks at can stop it (no channel, flag, ticker or WaitGroup): no Exit can stop it before its Barrier, and no Barrier drains it; give it a stop the module's Exit sets before calling Barrier", domain.ShortDomainName()))
					}
					return
				}
			})
		}
	}
}

// callbackTargets returns the functions of the package a callback value
// runs: the function or method behind it, or the function literals stored
// in the package variable it is loaded from.
func (e *engine) callbackTargets(cb ssa.Value, funcs []*ssa.Function) []*ssa.Function {
	if fn, _ := behind(cb); fn != nil {
		return []*ssa.Function{fn}
	}
	slot := slotOf(cb)
	if !slot.Known() {
		return nil
	}
	var out []*ssa.Function
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if st, ok := instr.(*ssa.Store); ok && valueClass(st.Addr).Var() == slot {
				if f, _ := behind(st.Val); f != nil {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// onEveryPath reports whether instr runs on every path of its function
// that returns.
func onEveryPath(instr ssa.Instruction) bool {
	fn, at := instr.Parent(), instr.Block()
	if len(fn.Blocks) == 0 {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == at || seen[b] {
			continue
		}
		seen[b] = true
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			return false
		}
		stack = append(stack, b.Succs...)
	}
	return true
}
