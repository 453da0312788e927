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

// reportCallback records a callback queued at call that may block (RCU3001)
// or wait for a grace period or callbacks (RCU3002), as m says: at the
// blocking operation in the callback's body (or the call there that leads
// to it) when the body is this package's, else at the call; the call is
// the related position.
func (w *walker) reportCallback(m *blocking.MayBlock, name string, call token.Pos) {
	if !w.g.findings {
		return // a summary-only walk: the walk that reports comes later
	}
	at := func(k blocking.Kind) token.Pos {
		if p := m.At(k); p.IsValid() && w.g.e.inPackage(p) {
			return p
		}
		return call
	}
	// The related positions: where it was queued, and where the chain of
	// calls ends in a blocking operation of this package.
	related := func(f *Finding, k blocking.Kind) {
		if f == nil {
			return
		}
		if f.Pos != call {
			f.Related = append(f.Related, Related{Pos: call, Message: "queued here"})
		}
		if o := m.Origin(k); o.IsValid() && o != f.Pos && w.g.e.inPackage(o) {
			f.Related = append(f.Related, Related{Pos: o, Message: "blocks here"})
		}
	}
	// Taking a mutex is no finding here: rcuapi's callbacks may block
	// briefly, and a mutex held across a Barrier is RCU3003's.
	if m.SlowWhy != "" && w.g.e.once(callbackBlocks, at(blocking.Slow)) {
		related(w.report(callbackBlocks, -1, at(blocking.Slow), func(section) string {
			return fmt.Sprintf("%s may block: it %s; callbacks run on the runtime's goroutines and hold up the callbacks behind them: hand blocking work to a goroutine of your own", callbackName(name), m.SlowWhy)
		}), blocking.Slow)
	}
	if m.GraceWhy != "" && w.g.e.once(callbackSyncs, at(blocking.Grace)) {
		related(w.report(callbackSyncs, -1, at(blocking.Grace), func(section) string {
			return fmt.Sprintf("%s %s; a callback must not wait for a grace period or for callbacks (a Barrier there can wait for itself): queue a further callback with Call instead", callbackName(name), m.GraceWhy)
		}), blocking.Grace)
	}
}

// callbackName names a callback in messages: its name, or "" for a literal.
func callbackName(name string) string {
	if name == "" {
		return "the callback (a function literal)"
	}
	return "callback " + name
}
