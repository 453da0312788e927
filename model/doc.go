// Package model holds Promela models of rcuapi's grace-period algorithm
// (gp.pml), of how grace periods are numbered, shared and driven
// (gpmachine.pml), of the QSBR flavour (qsbr.pml), and of the memb read path
// with delayed plain stores and membarrier (memb.pml), and a test that
// checks them with the spin model checker.
//
// The model follows rcuapi/domain.go: readers load the current phase and
// increment that phase's counter in a reader slot; a grace period waits for
// the inactive phase to drain, flips the phase, and waits for the old phase
// to drain, parking until the last reader of a slot wakes it. Go's
// sync/atomic operations are sequentially consistent, and the model treats
// each of them as one indivisible step.
//
// TestModel runs spin and pan on the models and on variants with a known
// bug (a single flip, a missing final drain, a lost wake-up, no flip, a
// snapshot that ignores a running grace period, waiters never woken, three
// QSBR bugs, and five memb bugs),
// compiled from the same files with preprocessor macros, and checks that the
// models pass and each variant fails in the way it should. It needs spin
// and a C compiler; without them it is skipped, unless the environment
// variable CI is set. See README.md in this directory for what the model
// proves and what it does not.
package model
