package flow

import (
	"go/token"

	"github.com/rcuvet/rcuvet/passes/internal/blocking"
	"golang.org/x/tools/go/ssa"
)

// checkCallbackBlocks records a callback, queued here, that may block.
func (w *walker) checkCallbackBlocks(fnv ssa.Value, pos token.Pos) {
	var fn *ssa.Function
	switch v := fnv.(type) {
	case *ssa.Function:
		fn = v
	case *ssa.MakeClosure:
		fn = v.Fn.(*ssa.Function)
	}
	if fn == nil {
		return // a callback not known here: precision first
	}
	if obj := callbackFunc(fn); obj != nil {
		if m := w.g.e.blocking.Func(obj); m != nil {
			w.reportCallback(m, obj.Name(), pos)
		}
		return
	}
	if m := w.g.e.funcBlocks(fn); m != nil {
		w.reportCallback(m, "", pos)
	}
}

func (w *walker) reportCallback(m *blocking.MayBlock, name string, pos token.Pos) {
	if m.Why != "" {
		w.emit(Event{Pos: pos, Callee: name, How: m.Why}, -1, CallbackBlocks)
	}
	if m.GraceWhy != "" {
		w.emit(Event{Pos: pos, Callee: name, How: m.GraceWhy}, -1, CallbackSyncs)
	}
}
