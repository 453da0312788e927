package flow

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// inLoop reports whether instr can run more than once in one call of its
// function: its block is on a cycle, or the function is the body of a
// range-over-func loop.
func (w *walker) inLoop(instr ssa.Instruction) bool {
	f := instr.Parent()
	if ctx := w.g.ctx[f]; ctx != nil {
		switch ctx.kind {
		case ctxIter:
			return true
		case ctxCall, ctxDefer:
			if w.inLoop(ctx.at) {
				return true // a closure called in place in a loop
			}
		}
	}
	start := instr.Block()
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), start.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == start {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

// reportExpeditedInLoop records the expedited wait by at pos in a loop.
func (w *walker) reportExpeditedInLoop(pos token.Pos, by string) {
	w.report(expeditedInLoop, -1, pos, func(section) string {
		return fmt.Sprintf("%s in a loop forces an expedited grace period on every iteration; make the updates of the loop first and wait once after it, or retire the old versions with Call", by)
	})
}
