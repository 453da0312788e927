package flow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// checkAccess records dereferences of values obtained with an access
// function.
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
	case *ssa.Call:
		if fn := v.Common().StaticCallee(); fn != nil && fn.Signature.Recv() != nil && len(v.Common().Args) > 0 {
			if _, ok := fn.Signature.Recv().Type().Underlying().(*types.Pointer); ok {
				x = v.Common().Args[0]
			}
		}
	}
	if x != nil && g.access[g.resolve(x)] {
		w.reportAccessDeref(posOf(instr))
	}
}

// checkAccessArgs records values obtained with Access handed to a function
// that reads through the parameter.
func (w *walker) checkAccessArgs(c *ssa.CallCommon, pos token.Pos, sum *summary) {
	if sum == nil {
		return
	}
	for _, i := range sum.ReadsThrough {
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
