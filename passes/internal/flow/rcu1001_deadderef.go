package flow

import (
	"fmt"
	"go/token"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"golang.org/x/tools/go/ssa"
)

// needLive records a dereference under section value arg, which must be
// live. via names the helper that dereferences, if it is not an API;
// result is what the dereference returns (nil if unused). A result
// obtained under a section that has ended is dead: its uses are this
// finding's, not RCU1002's (see checkUses).
func (w *walker) needLive(arg, result ssa.Value, state []tstate, pos token.Pos, via string, inGo bool) {
	g := w.g
	if isZero(arg) {
		w.report(derefEnded, -1, pos, func(section) string {
			return derefWhat(via) + " with the zero Section, which no ReadLock made; pass the Section that ReadLock returned"
		})
		return
	}
	if acq := w.zeroOnSomePath(arg, pos); acq != nil {
		w.report(derefEnded, -1, pos, func(section) string {
			return fmt.Sprintf("%s with a Section that is the zero value on the paths that skip the ReadLock at %s; take the section on every path that reaches here, or pass the Section the caller holds", derefWhat(via), g.e.at(acq.Pos()))
		})
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
			if result != nil {
				g.deadDeref[result] = true
			}
			w.report(derefEnded, i, pos, func(s section) string {
				what, sec := derefWhat(via), g.e.describe(s)
				switch {
				case st.callback:
					return fmt.Sprintf("%s in a callback under %s: a callback runs after a grace period, when that section has ended; begin a section inside the callback", what, sec)
				case st.goroutine:
					return fmt.Sprintf("%s in a goroutine under %s, which may end before the goroutine runs; begin a section inside the goroutine", what, sec)
				case st.st == maybe:
					return fmt.Sprintf("%s under %s, which may have ended on some paths (at %s); keep the section open on every path that reaches here", what, sec, g.e.at(st.endedAt))
				}
				return fmt.Sprintf("%s under %s, which ended at %s; dereference before ReadUnlock, or begin a new section", what, sec, g.e.at(st.endedAt))
			})
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

// derefWhat names what dereferences: Dereference itself, or a helper via
// that dereferences under its Section argument.
func derefWhat(via string) string {
	if via == "" {
		return "Dereference"
	}
	return fmt.Sprintf("call to %s, which dereferences under its Section argument,", via)
}

// checkIteratorSection records (RCU1001) a release, in the body of a
// range-over-func loop, of the section the loop's iterator walks under
// (for e := range l.All(s) { ReadUnlock(s); block(); s = ReadLock() }),
// when the loop may go on after it: the iterator reads the next element
// under the ended section, whatever section the body takes again.
func (w *walker) checkIteratorSection(arg ssa.Value, by string, pos token.Pos) {
	g := w.g
	ctx := g.ctx[w.f]
	if ctx == nil || ctx.kind != ctxIter {
		return
	}
	it, ok := g.resolve(ctx.seq).(*ssa.Call)
	if !ok {
		return
	}
	_, api, _ := g.callee(it.Common())
	role, ok := api.Has(apisem.Deref)
	if !ok || role.Arg >= len(it.Common().Args) {
		return
	}
	walked := g.under(g.reachSec(it.Common().Args[role.Arg]))
	ends := g.under(g.reachSec(arg))
	var i int = -1
	(walked & ends).each(func(t int) {
		if i < 0 && g.toks[t].kind == tokAcquired {
			i = t
		}
	})
	if i < 0 || !continuesAfter(pos, w.f) {
		return
	}
	w.report(derefEnded, i, pos, func(s section) string {
		return fmt.Sprintf("%s ends %s inside a loop whose iterator (at %s) walks under it: the loop goes on reading the next element under the ended section, whatever section the body begins again; keep the section for the whole loop, or take a reference, leave the loop and walk again", by, g.e.describe(s), g.e.at(it.Pos()))
	})
}

// continuesAfter reports whether range-over-func body f may ask for the
// next element (return true) after the instruction at pos.
func continuesAfter(pos token.Pos, f *ssa.Function) bool {
	var start *ssa.BasicBlock
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			if instr.Pos() == pos {
				start = b
			}
		}
	}
	if start == nil {
		return true
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{start}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if len(ret.Results) != 1 {
				return true
			}
			if c, ok := ret.Results[0].(*ssa.Const); !ok || c.Value == nil || c.Value.String() != "false" {
				return true
			}
			continue
		}
		stack = append(stack, b.Succs...)
	}
	return false
}
