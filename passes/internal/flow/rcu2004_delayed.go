package flow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Destroys put off by a fixed delay (RCU2004, and RCU7004's helpers): a
// goroutine or time.AfterFunc function that sleeps, then destroys an old
// object, destroys it before a grace period all the same (a reader may be
// slower than any delay). One that waits for anything else first is left
// alone: it may be waiting for the readers.

// retireSpawned reports the destroys, before any grace period, of old
// objects that a goroutine or a timer's function (f) captured: waiting a
// fixed time is no grace period (a reader may be slower). A function that
// waits for anything else first (a channel, a WaitGroup: a reference
// count draining) is left alone.
func (e *engine) retireSpawned(f ssa.Value, st *retireState, report func(destroyed)) {
	mc, ok := f.(*ssa.MakeClosure)
	if !ok || report == nil {
		return
	}
	body := mc.Fn.(*ssa.Function)
	seeds := map[ssa.Value]*ssa.Call{}
	for i, b := range mc.Bindings {
		by, ok := st.old[oldRoot(b)]
		if !ok {
			continue
		}
		fv := body.FreeVars[i]
		seeds[fv] = by
	}
	// A captured variable is a cell: what the closure loads from it is
	// the old object.
	for i, b := range mc.Bindings {
		if _, ok := b.(*ssa.Alloc); !ok {
			continue
		}
		by := storedOld(b, st)
		if by == nil {
			continue
		}
		for instr := range instructions(body) {
			if ld, ok := instr.(*ssa.UnOp); ok && ld.Op == token.MUL && ld.X == ssa.Value(body.FreeVars[i]) {
				seeds[ld] = by
			}
		}
	}
	if len(seeds) == 0 || !onlyTimedWaits(body) {
		return
	}
	ds, _ := e.retireFrom(body, false, seeds)
	for _, d := range ds {
		d.how += " (in a goroutine or timer function that only waits a fixed time, which is no grace period)"
		report(d)
	}
}

// storedOld returns the call that unpublished the old object stored in
// cell, if one is.
func storedOld(cell ssa.Value, st *retireState) *ssa.Call {
	refs := cell.Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		if store, ok := r.(*ssa.Store); ok && store.Addr == cell {
			if by, ok := st.old[oldRoot(store.Val)]; ok {
				return by
			}
		}
	}
	return nil
}

// onlyTimedWaits reports whether fn waits for nothing but time: no
// channel receive but from a timer, no select, no WaitGroup or Cond, and
// no loop that sleeps (one that sleeps until a count of users drops polls
// for them).
func onlyTimedWaits(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		if blockInLoop(b) && slices.ContainsFunc(b.Instrs, timedWait) {
			return false // polls
		}
	}
	for instr := range instructions(fn) {
		switch v := instr.(type) {
		case *ssa.Select:
			return false
		case *ssa.UnOp:
			if v.Op == token.ARROW && !timerChan(v.X) {
				return false
			}
		case ssa.CallInstruction:
			switch methodName(v.Common()) {
			case "sync.WaitGroup.Wait", "sync.Cond.Wait":
				return false
			}
		}
	}
	return true
}

// timedWait reports whether instr waits a fixed time: time.Sleep, or a
// receive from a timer.
func timedWait(instr ssa.Instruction) bool {
	switch v := instr.(type) {
	case *ssa.Call:
		return pkgFuncName(v) == "time.Sleep"
	case *ssa.UnOp:
		return v.Op == token.ARROW && timerChan(v.X)
	}
	return false
}

// timerChan reports whether ch is a timer's channel: time.After(d),
// t.C of a time.Timer or Ticker.
func timerChan(ch ssa.Value) bool {
	if c, ok := ch.(*ssa.Call); ok {
		return pkgFuncName(c) == "time.After"
	}
	if ld, ok := ch.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if fa, ok := ld.X.(*ssa.FieldAddr); ok {
			t := types.TypeString(fa.X.Type(), nil)
			return t == "*time.Timer" || t == "*time.Ticker"
		}
	}
	return false
}
