package flow

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// RCU7003: a write after publication. Once a value is stored in a slot,
// readers may load it at any moment: a later write into it, or into what
// it reaches, is a write into a published snapshot (RCU7002's hazard),
// made by the code that just published it. Reported: the writes of
// RCU7002, made after the Store (on every path from it) into the stored
// value or what it reaches, in the function that stored it. Finish the
// value before storing it, or store a new copy.

func (n *native) checkWritesAfterPublish(funcs []*ssa.Function) {
	for _, op := range n.ops {
		if op.stores() && op.val != nil && n.snapshotSlot(op) {
			n.writesAfter(op.call, op.val, op.callName()+" published at "+n.e.at(op.call.Pos()), op.callName())
		}
	}
	// A call of a function that stores what it is given in a slot
	// publishes it too (c.SetEndpoints(eps...)).
	for _, fn := range funcs {
		for instr := range instructions(fn) {
			if c, ok := instr.(*ssa.Call); ok && n.opOf[c] == nil {
				name := ""
				if callee := c.Common().StaticCallee(); callee != nil {
					name = callee.Name()
				}
				for _, v := range n.publishesCall(c) {
					n.writesAfter(c, v, "that "+name+" published at "+n.e.at(c.Pos()), "call of "+name)
				}
			}
		}
	}
}

// writesAfter reports the writes into v, or into what it reaches, that
// the publication at pub dominates.
func (n *native) writesAfter(pub *ssa.Call, v ssa.Value, published, by string) {
	v = unwrapIface(v)
	if !refLike(v.Type()) {
		return
	}
	a := n.reach(pub.Parent(), []ssa.Value{v}, nil)
	seen := map[int]bool{}
	for _, w := range n.writes(pub.Parent(), a) {
		if w.instr == ssa.Instruction(pub) || !dominates(pub, w.instr) || n.written[w.instr] || seen[n.line(w.pos)] {
			continue
		}
		seen[n.line(w.pos)] = true
		n.e.report(writeAfterPublish, w.pos, fmt.Sprintf("this %s: readers may already hold it and see the change half made; finish the value before the %s, or store a new copy", w.describe("a value "+published), by),
			rel(pub.Pos(), "published here"))
	}
	// A closure started or called after the publication that writes into
	// what it captured of v (go func() { rand.Read(next.Key[:]) }()).
	for instr := range instructions(pub.Parent()) {
		ci, ok := instr.(ssa.CallInstruction)
		if !ok || !dominates(pub, instr) {
			continue
		}
		mc, ok := ci.Common().Value.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		anon := mc.Fn.(*ssa.Function)
		var fvs []ssa.Value
		for i, b := range mc.Bindings {
			if (a.has(b) || a.cells[b] || cellHolds(b, a)) && i < len(anon.FreeVars) {
				fvs = append(fvs, anon.FreeVars[i])
			}
		}
		if len(fvs) == 0 {
			continue
		}
		for _, w := range n.writes(anon, n.reach(anon, fvs, nil)) {
			if n.written[w.instr] || seen[n.line(w.pos)] {
				continue
			}
			seen[n.line(w.pos)] = true
			n.e.report(writeAfterPublish, w.pos, fmt.Sprintf("this %s, in a function started after it: readers may already hold it and see the change half made; finish the value before the %s, or store a new copy", w.describe("a value "+published), by),
				rel(pub.Pos(), "published here"))
		}
	}
}

// cellHolds reports whether cell is a captured variable whose value, as
// loaded somewhere, is in a (the published next, read out of the variable
// the closure captures).
func cellHolds(cell ssa.Value, a *aliasSet) bool {
	if _, ok := cell.(*ssa.Alloc); !ok || cell.Referrers() == nil {
		return false
	}
	for _, r := range *cell.Referrers() {
		if ld, ok := r.(*ssa.UnOp); ok && ld.Op == token.MUL && a.has(ld) {
			return true
		}
	}
	return false
}
