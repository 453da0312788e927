// Package graceperiod holds rcuvet's checks of how grace periods are
// requested.
//
//   - RCU4001: SynchronizeExpedited (or another expedited wait) in a loop,
//     which forces a grace period per iteration. Checklist item 6.
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

// Analyzers are the grace-period checks.
var Analyzers = []*analysis.Analyzer{RCU4001}
