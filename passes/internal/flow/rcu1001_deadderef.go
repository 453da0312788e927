package flow

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

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
