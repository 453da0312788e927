package flow

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// RCU7002: a write into a loaded snapshot. What a slot's Load returns is
// shared with every reader that loaded it, and so is everything it points
// to: readers may be reading it while the write happens (a data race the
// race detector finds only when a test hits the window), and they see a
// version nobody published. Reported: field and element assignments, map
// inserts, deletes and clears, appends into its slices, sorts in place and
// calls of functions that write into what they are given, on what a Load
// (or a function that returns a loaded value, or a getter marked
// //rcu:snapshot) returned, or on what a shallow copy of it still shares
// (c := *snap; c.Labels[k] = v). Copy first, change the copy, then Store
// it. Writes into a part of the snapshot that carries its own mutex, made
// while holding it, are that part's business.

func (n *native) checkSnapshotWrites(funcs []*ssa.Function) {
	for _, fn := range funcs {
		seeds := n.loadsIn(fn)
		for instr := range instructions(fn) {
			if c, ok := instr.(*ssa.Call); ok && n.sharedCall(c) {
				seeds = append(seeds, c)
			}
		}
		if len(seeds) == 0 {
			continue
		}
		a := n.reach(fn, seeds, n.sharedCall)
		seen := map[int]bool{}
		for _, w := range n.writes(fn, a) {
			if lazyCloned(w.instr) {
				continue
			}
			n.written[w.instr] = true
			if seen[n.line(w.pos)] {
				continue
			}
			seen[n.line(w.pos)] = true
			n.e.report(snapshotWrite, w.pos, fmt.Sprintf("this %s, which readers load concurrently: they may see the change half made, in a version nobody published; copy it (deeply, for what you change), change the copy, then Store the copy", w.describe("a loaded snapshot")))
		}
	}
}

// lazyCloned reports whether the object instr writes into is a merge of
// the loaded snapshot and a copy of it made in the function (clone on
// first write: if !cloned { cur = t.clone(); cloned = true }): the write
// runs, as the function is written, only once the copy is made, a
// correlation rcuvet does not follow; a copy named clone or copy is
// taken at its word.
func lazyCloned(instr ssa.Instruction) bool {
	var obj ssa.Value
	switch v := instr.(type) {
	case *ssa.Store:
		obj = storeBase(v.Addr)
	case *ssa.MapUpdate:
		obj = v.Map
	case *ssa.Call:
		if len(v.Common().Args) > 0 {
			obj = v.Common().Args[0]
		}
	}
	for i := 0; obj != nil && i < 8; i++ {
		switch x := obj.(type) {
		case *ssa.FieldAddr:
			obj = x.X
		case *ssa.IndexAddr:
			obj = x.X
		case *ssa.UnOp:
			if cell, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL {
				return cellHasCopy(cell) // a variable whose address is taken
			}
			obj = x.X
		case *ssa.Phi:
			return phiHasCopy(x, map[*ssa.Phi]bool{})
		default:
			return false
		}
	}
	return false
}

// cellHasCopy reports whether a variable is given, somewhere, a copy
// made by a function named clone or copy.
func cellHasCopy(cell *ssa.Alloc) bool {
	if cell.Referrers() == nil {
		return false
	}
	for _, r := range *cell.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(cell) {
			if c, ok := st.Val.(*ssa.Call); ok && isCopyCall(c) {
				return true
			}
		}
	}
	return false
}

func isCopyCall(c *ssa.Call) bool {
	fn := c.Common().StaticCallee()
	if fn == nil {
		return false
	}
	name := strings.ToLower(fn.Name())
	return strings.Contains(name, "clone") || strings.Contains(name, "copy")
}

func phiHasCopy(phi *ssa.Phi, seen map[*ssa.Phi]bool) bool {
	if seen[phi] {
		return false
	}
	seen[phi] = true
	for _, e := range phi.Edges {
		switch x := e.(type) {
		case *ssa.Phi:
			if phiHasCopy(x, seen) {
				return true
			}
		case *ssa.Call:
			if isCopyCall(x) {
				return true
			}
		}
	}
	return false
}
