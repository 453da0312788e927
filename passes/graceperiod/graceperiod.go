// Package graceperiod holds rcuvet's checks of how grace periods are
// requested.
//
//   - RCU4001: SynchronizeExpedited (or another expedited wait) in a loop,
//     which forces a grace period per iteration. Checklist item 6.
//   - RCU4002: Call in an unbounded loop (no condition, or ranging over a
//     channel or an iterator) whose body does nothing that limits the
//     backlog: no Synchronize, Barrier or look at Pending. Checklist item 8.
package graceperiod

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// RCU4001 reports expedited grace periods requested in a loop.
var RCU4001 = check.New("RCU4001",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s in a loop forces an expedited grace period on every iteration; make the updates of the loop first and wait once after it, or retire the old versions with Call", e.Callee)
	}, flow.ExpeditedInLoop)

// RCU4002 reports callbacks queued in an unbounded loop with nothing that
// limits the backlog.
var RCU4002 = check.New("RCU4002",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s in %s (at %s) with nothing in it that limits the backlog: if grace periods slow down, callbacks pile up without bound; wait now and then (Synchronize, or Barrier every N), or stall while Pending() is above a limit", e.Callee, e.How, check.At(pass, e.Related))
	}, flow.UnboundedCall)

// Analyzers are the grace-period checks.
var Analyzers = []*analysis.Analyzer{RCU4001, RCU4002}
