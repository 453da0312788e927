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
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
)

// The checks; what each reports is decided, and its message written, in
// the file of passes/internal/flow named by its id (see that package's doc).
var (
	RCU3001 = check.New("RCU3001")
	RCU3002 = check.New("RCU3002")
	RCU3003 = check.New("RCU3003")
)

// Analyzers are the callback checks.
var Analyzers = []*analysis.Analyzer{RCU3001, RCU3002, RCU3003}
