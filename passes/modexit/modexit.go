// Package modexit holds rcuvet's checks of teardown: a module's Exit and
// an SRCU domain's Cleanup. A grace period waits for readers, not for
// callbacks; code that goes away must first stop queueing callbacks and then
// wait for the queued ones with the matching Barrier (checklist item 18).
//
//   - RCU6001: a module's Exit (a function stored in rcuapi.Module.Exit,
//     also through a helper that builds modules) that does not call Barrier
//     on every path for each domain on which its package queues callbacks,
//     itself or through helpers of other packages. Exit may be split over
//     helpers: what a helper waits for travels as a fact. Also a module
//     with an Init but no Exit in a package that queues callbacks.
//   - RCU6002: such an Exit that calls Synchronize for that domain instead
//     (suggested fix: Barrier).
//   - RCU6003: a Barrier in such an Exit that comes before the code that
//     stops new callbacks (closing the channel the posting goroutine waits
//     on, setting the flag a re-posting callback reads, stopping its
//     ticker, waiting for its WaitGroup), with no Barrier after it.
//   - RCU6004: SRCU Cleanup of a domain on which the package queues
//     callbacks, with no Barrier of it before on every path (a deferred
//     Cleanup at the function's returns; an SRCU made in a function within
//     that function).
//   - RCU6005: a use of an SRCU domain after its Cleanup on every path,
//     also through a function that uses the domain it is given.
//
// Domains, channels and flags are told apart by package variable or struct
// field.
package modexit

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
)

// The checks; what each reports is decided, and its message written, in
// the file of passes/internal/flow named by its id (see that package's doc).
var (
	RCU6001 = check.New("RCU6001")
	RCU6002 = check.New("RCU6002")
	RCU6003 = check.New("RCU6003")
	RCU6004 = check.New("RCU6004")
	RCU6005 = check.New("RCU6005")
)

// Analyzers are the teardown checks.
var Analyzers = []*analysis.Analyzer{RCU6001, RCU6002, RCU6003, RCU6004, RCU6005}
