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
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// RCU6001 reports module exits that do not wait for their callbacks.
var RCU6001 = check.New("RCU6001",
	func(pass *analysis.Pass, e flow.Event) string {
		if e.Kind == flow.ModuleWithoutExit {
			return fmt.Sprintf("this module has no Exit, but its package queues callbacks on %s (at %s): they could run after the module is unloaded; give it an Exit that stops queueing them, then calls %s", e.Domain, check.At(pass, e.Related), e.How)
		}
		return fmt.Sprintf("%s, a module's Exit, does not wait on every path for the callbacks this package queues on %s (at %s): they could run after the module is gone; stop queueing them, then call %s before Exit returns", e.Callee, e.Domain, check.At(pass, e.Related), e.How)
	}, flow.ExitMissingBarrier, flow.ModuleWithoutExit)

// RCU6002 reports module exits that wait for a grace period where they
// must wait for callbacks.
var RCU6002 = check.New("RCU6002",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s, a module's Exit, waits for a grace period of %s, but this package queues callbacks there (at %s) and a grace period does not wait for callbacks: call Barrier instead", e.Callee, e.Domain, check.At(pass, e.Related))
	}, flow.ExitSyncNotBarrier)

// RCU6003 reports a Barrier in a module's Exit that comes before the code
// that stops new callbacks.
var RCU6003 = check.New("RCU6003",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s, a module's Exit, waits for the callbacks queued on %s before the code at %s %s: callbacks queued in between are not waited for and may run after the module is gone; stop the posting first, then call Barrier", e.Callee, e.Domain, check.At(pass, e.Related), e.How)
	}, flow.BarrierBeforeStop)

// RCU6004 reports SRCU Cleanup with callbacks possibly queued.
var RCU6004 = check.New("RCU6004",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("Cleanup of %s while callbacks may be queued: this package queues callbacks there (at %s) and no Barrier of that domain comes first on every path; Cleanup drops what is still queued: call Barrier before it", e.Domain, check.At(pass, e.Related))
	}, flow.CleanupWithCallbacks)

// RCU6005 reports uses of an SRCU domain after its Cleanup.
var RCU6005 = check.New("RCU6005",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s of %s after its Cleanup: the domain is gone (rcuapi panics); finish every use before Cleanup", e.Callee, e.Domain)
	}, flow.UseAfterCleanup)

// Analyzers are the teardown checks.
var Analyzers = []*analysis.Analyzer{RCU6001, RCU6002, RCU6003, RCU6004, RCU6005}
