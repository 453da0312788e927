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
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
)

// The checks; what each reports is decided, and its message written, in
// the file of passes/internal/flow named by its id (see that package's doc).
var (
	RCU4001 = check.New("RCU4001")
	RCU4002 = check.New("RCU4002")
)

// Analyzers are the grace-period checks.
var Analyzers = []*analysis.Analyzer{RCU4001, RCU4002}
