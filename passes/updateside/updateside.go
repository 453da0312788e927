// Package updateside holds rcuvet's checks of RCU updaters, who must
// publish only fully built objects, never change what readers can see, and
// serialise among themselves.
//
//   - RCU2001: a write into an object after the call that published it
//     (Assign, Replace, PushFront, PushBack, List.Replace), on some path in
//     the same function (also by delete, by a method that writes into it,
//     or in a closure or goroutine), with a suggested fix that moves the
//     publication after the writes when that is mechanical. Checklist
//     item 4.
//   - RCU2002: a write through a pointer that Dereference (or List.All)
//     returned, or into the published object Protected (or AllProtected)
//     returned: the in-place update that should have been copy, update the
//     copy, publish the copy. Writes into containers the function made (a
//     clone), and writes after a grace period, are not reported. Checklist
//     item 3.
//   - RCU2003: updates of one Pointer or List (of this package or of the
//     packages it depends on, through facts) that hold no common lock,
//     when one of them holds a lock. //rcu:single-updater on the function,
//     variable or field says a single goroutine updates. Checklist item 1.
//   - RCU2004: an old object (the value Replace returns, an element
//     removed, a value read before an Assign) destroyed (Close,
//     sync.Pool.Put, rcuapi.Unload, //rcu:destroy, a helper that destroys)
//     before a grace period elapsed on some path. Checklist item 15.
//   - RCU2005: Protected, Replace or AllProtected naming a lock that the
//     function takes elsewhere but does not hold at that point. A function
//     that never takes the lock is assumed to be called with it held.
//     Checklist items 1 and 9.
//
// RCU5001, which pairs readers and updaters by domain, is in package
// flavour.
package updateside

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
)

// The checks; what each reports is decided, and its message written, in
// the file of passes/internal/flow named by its id (see that package's doc).
var (
	RCU2001 = check.New("RCU2001")
	RCU2002 = check.New("RCU2002")
	RCU2003 = check.New("RCU2003")
	RCU2004 = check.New("RCU2004")
	RCU2005 = check.New("RCU2005")
)

// Analyzers are the update-side checks.
var Analyzers = []*analysis.Analyzer{RCU2001, RCU2002, RCU2003, RCU2004, RCU2005}
