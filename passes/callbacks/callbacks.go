// Package callbacks holds rcuvet's checks of RCU callbacks, the functions
// queued with Call to run after a grace period on the runtime's goroutines.
//
//   - RCU3001: a callback that may block, directly or through what it
//     calls; the message gives the chain. Checklist items 5 and 11.
//   - RCU3002: a callback that waits for a grace period or for callbacks
//     (Synchronize, Barrier). Checklist items 5 and 6.
//   - RCU3003: Synchronize or Barrier of a domain while holding a lock that
//     a reader of that domain takes inside its section, or (Barrier) that a
//     callback of that domain takes: each waits for the other. The readers
//     and callbacks are those of the same package. Checklist item 11.
//
// A callback is known when it is a function literal, a function or a
// method value; a callback passed in from elsewhere is not followed.
package callbacks

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// RCU3001 reports callbacks that may block.
var RCU3001 = check.New("RCU3001",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s may block: it %s; callbacks run on the runtime's goroutines and hold up the callbacks behind them: hand blocking work to a goroutine of your own", callback(e), e.How)
	}, flow.CallbackBlocks)

// RCU3002 reports callbacks that wait for a grace period or for callbacks.
var RCU3002 = check.New("RCU3002",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s %s; a callback must not wait for a grace period or for callbacks (a Barrier there can wait for itself): queue a further callback with Call instead", callback(e), e.How)
	}, flow.CallbackSyncs)

// RCU3003 reports grace-period waits made while holding a lock that a
// reader or callback of the domain takes.
var RCU3003 = check.New("RCU3003",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s waits for %s while holding a lock, but %s (at %s): each waits for the other; release the lock before waiting", e.Callee, e.Domain, e.How, check.At(pass, e.Related))
	}, flow.WaitHoldingLock)

// Analyzers are the callback checks.
var Analyzers = []*analysis.Analyzer{RCU3001, RCU3002, RCU3003}

func callback(e flow.Event) string {
	if e.Callee == "" {
		return "the callback (a function literal)"
	}
	return "callback " + e.Callee
}
