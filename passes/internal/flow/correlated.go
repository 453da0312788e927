package flow

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
)

// Correlated branches. The engine joins the states of a function's paths
// where they meet, so a section begun under a condition and ended under
// the same condition later looks open on some paths:
//
//	if !builtin { s = rcuapi.ReadLock(); ... }
//	...
//	if !builtin { rcuapi.ReadUnlock(s) }
//
// Before reporting a section open at an exit "on some paths", or a
// release of a section that may never have begun, the paths are walked
// again with the branch that guarded the acquire remembered: at a later
// branch on the same condition (or its negation) only the side that agrees
// is taken.

// guard is a branch a block runs under: the If's condition and the
// outcome taken.
type guard struct {
	cond    ssa.Value
	outcome bool
}

// guardOf returns the nearest branch that block b runs under, if any. In
// a loop there is none to remember: the condition is computed again on
// every iteration.
func guardOf(b *ssa.BasicBlock) (guard, bool) {
	if blockInLoop(b) {
		return guard{}, false
	}
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || len(d.Succs) != 2 {
			continue
		}
		for k := range 2 {
			if onBranch(d, k, b) {
				return guard{ifi.Cond, k == 0}, true
			}
		}
	}
	return guard{}, false
}

// follows returns the successors of block b that a path under g may take.
func (g guard) follows(b *ssa.BasicBlock) []*ssa.BasicBlock {
	ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok || len(b.Succs) != 2 {
		return b.Succs
	}
	cond, outcome := ifi.Cond, g.outcome
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, outcome = not.X, !outcome
	}
	if !sameCond(cond, g.cond) {
		return b.Succs
	}
	if outcome {
		return b.Succs[:1]
	}
	return b.Succs[1:]
}

// sameCond reports whether two conditions are the same value, or the
// same comparison of the same operands (x == false, twice).
func sameCond(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	x, ok1 := a.(*ssa.BinOp)
	y, ok2 := b.(*ssa.BinOp)
	return ok1 && ok2 && x.Op == y.Op && sameOperand(x.X, y.X) && sameOperand(x.Y, y.Y)
}

func sameOperand(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	x, ok1 := a.(*ssa.Const)
	y, ok2 := b.(*ssa.Const)
	return ok1 && ok2 && x.Value != nil && y.Value != nil && x.Value.ExactString() == y.Value.ExactString()
}

// openPathTo reports whether some path from the acquire of section token
// i to exit, agreeing with the branch the acquire runs under, ends no
// release of it. Without a guard, or when the acquire or exit cannot be
// found, it answers true (the engine's verdict stands).
func (w *walker) openPathTo(i int, exit ssa.Instruction) bool {
	g := w.g
	t := g.toks[i]
	var acq *ssa.Call
	for instr := range instructions(w.f) {
		if c, ok := instr.(*ssa.Call); ok && c.Pos() == t.pos {
			acq = c
			break
		}
	}
	if acq == nil || exit == nil {
		return true
	}
	gd, ok := guardOf(acq.Block())
	if !ok {
		return true
	}
	releases := func(instr ssa.Instruction) bool {
		c, ok := instr.(ssa.CallInstruction)
		if !ok {
			return false
		}
		_, api, _ := g.callee(c.Common())
		role, ok := api.Has(apisem.Release)
		return ok && role.Arg < len(c.Common().Args) && g.under(g.secOf(c.Common().Args[role.Arg]))&bit(i) != 0
	}
	seen := map[*ssa.BasicBlock]bool{}
	var walk func(b *ssa.BasicBlock, from int) bool
	walk = func(b *ssa.BasicBlock, from int) bool {
		for _, instr := range b.Instrs[from:] {
			if instr == exit {
				return true
			}
			if releases(instr) {
				if _, deferred := instr.(*ssa.Defer); !deferred {
					return false
				}
			}
		}
		for _, s := range gd.follows(b) {
			if !seen[s] {
				seen[s] = true
				if walk(s, 0) {
					return true
				}
			}
		}
		return false
	}
	for k, instr := range acq.Block().Instrs {
		if instr == ssa.Instruction(acq) {
			return walk(acq.Block(), k+1)
		}
	}
	return true
}

// zeroOnSomePath returns the acquire a Section value arg may come from,
// when arg is a merge of that Section and the zero Section (var s
// rcuapi.Section; if cond { s = rcuapi.ReadLock() }) and the release at
// pos is reached on a path that skipped the acquire: the release does
// not run only under the branch the acquire runs under.
func (w *walker) zeroOnSomePath(arg ssa.Value, pos token.Pos) *ssa.Call {
	phi, ok := arg.(*ssa.Phi)
	if !ok {
		return nil
	}
	var acq *ssa.Call
	zero := false
	for _, e := range phi.Edges {
		switch {
		case isZero(e):
			zero = true
		case acq == nil:
			if c, ok := e.(*ssa.Call); ok {
				acq = c
			}
		}
	}
	if !zero || acq == nil {
		return nil
	}
	var rel ssa.Instruction
	for instr := range instructions(w.f) {
		if c, ok := instr.(*ssa.Call); ok && c.Pos() == pos {
			rel = c
		}
	}
	gd, ok := guardOf(acq.Block())
	if rel == nil || !ok {
		return nil
	}
	// Does the release run only under the acquire's branch?
	b := rel.Block()
	for d := b.Idom(); d != nil; d = d.Idom() {
		if len(d.Succs) != 2 {
			continue
		}
		for _, s := range gd.follows(d) {
			if len(gd.follows(d)) == 1 && onBranch(d, indexOf(d.Succs, s), b) {
				return nil
			}
		}
	}
	return acq
}

func indexOf(bs []*ssa.BasicBlock, b *ssa.BasicBlock) int {
	for i, x := range bs {
		if x == b {
			return i
		}
	}
	return -1
}
