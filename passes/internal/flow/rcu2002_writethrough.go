package flow

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// noteWrite records, for the summary, a write into memory that a
// parameter of the function points to.
func (w *walker) noteWrite(addr ssa.Value) {
	if !w.root {
		return
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
	w.sectionTokens(g.derOf(addr)).each(func(i int) {
		if g.display(i).kind == tokAcquired || g.display(i).kind == tokInput {
			w.report(writeThroughDeref, i, pos, func(s section) string {
				return fmt.Sprintf("write through a pointer obtained under %s: readers see the change while it happens; copy the object, change the copy and publish it with Assign or Replace under the update lock", g.e.describe(s))
			})
		}
	})
}
