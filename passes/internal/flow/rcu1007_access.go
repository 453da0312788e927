package flow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// checkAccess records dereferences of values obtained with an access
// function. A method called on one is a dereference if it reads through
// its receiver (checkAccessArgs).
func (w *walker) checkAccess(instr ssa.Instruction) {
	g := w.g
	var x ssa.Value
	switch v := instr.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			x = v.X
		}
	case *ssa.FieldAddr:
		x = v.X
	case *ssa.IndexAddr:
		x = v.X
	}
	if x != nil && g.access[g.resolve(x)] {
		w.reportAccessDeref(posOf(instr))
	}
}

// checkAccessArgs records values obtained with Access handed to a function
// that reads through the parameter: known from its summary, or, for a
// function of a package that cannot reach RCU, from its syntax
// (passes/internal/paramuse).
func (w *walker) checkAccessArgs(c *ssa.CallCommon, callee *ssa.Function, pos token.Pos, sum *summary) {
	var reads []int
	switch {
	case sum != nil:
		reads = sum.ReadsThrough
	case callee != nil && callee.Pkg != nil && callee.Pkg.Pkg != w.g.e.pass.Pkg:
		if obj, ok := callee.Object().(*types.Func); ok {
			reads = w.g.e.params.Reads(obj)
		}
	}
	for _, i := range reads {
		if i < len(c.Args) && w.g.access[w.g.resolve(c.Args[i])] {
			w.reportAccessDeref(pos)
		}
	}
}

func (w *walker) reportAccessDeref(pos token.Pos) {
	w.report(accessDeref, -1, pos, func(section) string {
		return "a pointer obtained with Access is dereferenced; Access is for comparing the pointer only: use Dereference(s) inside a read-side section, or Protected(lock) on the update side"
	})
}
