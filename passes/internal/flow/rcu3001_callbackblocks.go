package flow

import (
	"fmt"
	"go/token"

	"github.com/rcuvet/rcuvet/passes/internal/blocking"
	"golang.org/x/tools/go/ssa"
)

// checkCallbackBlocks records a callback, queued here, that may block.
func (w *walker) checkCallbackBlocks(fnv ssa.Value, pos token.Pos) {
	fn, obj := behind(fnv)
	if fn == nil {
		return // a callback not known here: precision first
	}
	if obj != nil {
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
		w.report(callbackBlocks, -1, pos, func(section) string {
			return fmt.Sprintf("%s may block: it %s; callbacks run on the runtime's goroutines and hold up the callbacks behind them: hand blocking work to a goroutine of your own", callbackName(name), m.Why)
		})
	}
	if m.GraceWhy != "" {
		w.report(callbackSyncs, -1, pos, func(section) string {
			return fmt.Sprintf("%s %s; a callback must not wait for a grace period or for callbacks (a Barrier there can wait for itself): queue a further callback with Call instead", callbackName(name), m.GraceWhy)
		})
	}
}

// callbackName names a callback in messages: its name, or "" for a literal.
func callbackName(name string) string {
	if name == "" {
		return "the callback (a function literal)"
	}
	return "callback " + name
}
