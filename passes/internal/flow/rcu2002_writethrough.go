package flow

import (
	"fmt"
	"go/token"
	"go/types"

	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/ssa"
)

// noteWrite records, for the summary, a write into memory that a
// parameter of the function points to.
func (w *walker) noteWrite(addr ssa.Value, pos token.Pos) {
	if !w.root || w.afterGracePeriod(pos) {
		return // a write after a grace period: to an object no reader can see any more
	}
	root := rootOf(addr)
	if i := paramIndexOf(w.f, root); i >= 0 && (root != addr || isObjectArg(addr)) {
		w.sum.WritesThrough = append(w.sum.WritesThrough, i)
	}
}

// isObjectArg reports whether v, a parameter handed on to a function that
// writes through it, points to an object (not a map or slice header).
func isObjectArg(v ssa.Value) bool {
	_, ok := v.Type().Underlying().(*types.Pointer)
	return ok
}

// writeThrough records a write into memory reached through a pointer that
// a Dereference returned: readers may be looking at it.
func (w *walker) writeThrough(addr ssa.Value, state []tstate, pos token.Pos) {
	g := w.g
	if g.memRoot(addr) != nil {
		return // local memory (a variable, a slice or map made here) that may hold such pointers
	}
	published := g.derOf(addr)
	if g.freshContainer(containerOf(addr), 0) || w.afterGracePeriod(pos) {
		// A container made here (a clone) holding published pointers,
		// or a write after a grace period, which the object may have
		// been unpublished before.
		published = 0
	}
	published.each(func(i int) {
		if t := g.toks[i]; t.kind == tokPublished {
			w.report(writeThroughDeref, i, pos, func(section) string {
				return fmt.Sprintf("write into the published object that %s returned (at %s): readers see the change while it happens; copy the object, change the copy and publish it with Assign or Replace", t.by, g.e.at(t.pos))
			})
		}
	})
	w.sectionTokens(g.derOf(addr)).each(func(i int) {
		if g.display(i).kind == tokAcquired || g.display(i).kind == tokInput {
			w.report(writeThroughDeref, i, pos, func(s section) string {
				return fmt.Sprintf("write through a pointer obtained under %s: readers see the change while it happens; copy the object, change the copy and publish it with Assign or Replace under the update lock", g.e.describe(s))
			})
		}
	})
}

// containerOf returns the slice or map a write at addr writes into (a map,
// or the slice of an element address), or addr itself.
func containerOf(addr ssa.Value) ssa.Value {
	if ia, ok := addr.(*ssa.IndexAddr); ok {
		if _, ok := ia.X.Type().Underlying().(*types.Slice); ok {
			return ia.X
		}
	}
	return addr
}

// freshContainer reports whether slice or map v was made in the function:
// by make or a literal, as a clone (maps.Clone, slices.Clone), by append
// to a fresh slice, or loaded from local memory that only fresh ones were
// stored in.
func (g *group) freshContainer(v ssa.Value, depth int) bool {
	if depth > 6 {
		return false
	}
	v = g.resolve(v)
	switch v := v.(type) {
	case *ssa.MakeMap, *ssa.MakeSlice:
		return true
	case *ssa.Const:
		return v.IsNil()
	case *ssa.Call:
		if _, ok := shallowCopy(v.Common()); ok {
			return true
		}
		if b, ok := v.Common().Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Common().Args) > 0 {
			return g.freshContainer(v.Common().Args[0], depth+1)
		}
	case *ssa.Slice:
		return zeroCap(v) || g.freshContainer(v.X, depth+1)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if e != ssa.Value(v) && !g.freshContainer(e, depth+1) {
				return false
			}
		}
		return true
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return false
		}
		root := g.memRoot(v.X)
		if root == nil {
			return false
		}
		vals := g.storedValues(v, root)
		for _, st := range vals {
			if !g.freshContainer(st, depth+1) {
				return false
			}
		}
		return len(vals) > 0
	}
	return false
}

// afterGracePeriod reports whether a grace-period wait of the function
// (Synchronize, or a call that waits) comes before the instruction at pos
// on every path.
func (w *walker) afterGracePeriod(pos token.Pos) bool {
	var at ssa.Instruction
	for instr := range instructions(w.f) {
		if instr.Pos() == pos {
			at = instr
			break
		}
	}
	if at == nil {
		return false
	}
	for instr := range instructions(w.f) {
		ci, ok := instr.(ssa.CallInstruction)
		if !ok || !dominates(instr, at) {
			continue
		}
		waits := false
		w.g.e.callWaits(ci.Common(), 0, func(ident.Class) { waits = true })
		if waits {
			return true
		}
	}
	return false
}
