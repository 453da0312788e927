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
//     returned: the in-place update that should have been copy, update the
//     copy, publish the copy. Writes through Protected are the updater's
//     business and are not reported. Checklist item 3.
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
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// RCU2001 reports objects written after they were published.
var RCU2001 = check.New("RCU2001",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("write into an object after %s published it (at %s): readers may already see it half-built; finish building the object before publishing it", e.Callee, check.At(pass, e.Related))
	}, flow.InitAfterPublish)

// RCU2002 reports writes through pointers that Dereference returned.
var RCU2002 = check.New("RCU2002",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("write through a pointer obtained under %s: readers see the change while it happens; copy the object, change the copy and publish it with Assign or Replace under the update lock", check.Section(pass, e))
	}, flow.WriteThroughDeref)

// RCU2005 reports Protected-style calls without the lock they name.
var RCU2005 = check.New("RCU2005",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s names %s, which is not held here (this function takes it elsewhere): hold the lock across the call, as the update side must", e.Callee, e.How)
	}, flow.ProtectedUnheld)

// RCU2004 reports old objects destroyed before a grace period elapsed.
var RCU2004 = check.New("RCU2004",
	func(pass *analysis.Pass, e flow.Event) string {
		if by, ok := strings.CutPrefix(e.How, flow.EarlyDestroy); ok {
			return fmt.Sprintf("%s destroys an object that is still published: %s unpublishes it only later (at %s); unpublish it first, then wait with Synchronize of the readers' domain, then destroy it", e.Callee, by, check.At(pass, e.Related))
		}
		return fmt.Sprintf("%s destroys an object that %s unpublished (at %s) before a grace period elapsed: readers may still hold it; wait with Synchronize of the readers' domain first, or destroy it in a Call callback", e.Callee, e.How, check.At(pass, e.Related))
	}, flow.DestroyBeforeGP)

// Analyzers are the update-side checks.
var Analyzers = []*analysis.Analyzer{RCU2001, RCU2002, RCU2003, RCU2004, RCU2005}
