// Package rcuapi is a read-copy-update (RCU) runtime for Go, in the vocabulary
// of the Linux kernel's RCU API.
//
// RCU serves read-mostly shared data: routing tables, configuration
// snapshots, caches, plugin registries. Readers never take a lock and never
// wait. A writer copies the current version, changes the copy, publishes it,
// and then waits for a grace period: the moment after which no reader that
// could have seen the old version is still running. Only then may the old
// version be closed, recycled or torn down.
//
// # Read-side sections
//
// Go has no goroutine-local state, so a read-side critical section is a
// value. [ReadLock] returns a [Section]; [ReadUnlock] ends it; loads of
// RCU-protected pointers name the section that protects them:
//
//	s := rcuapi.ReadLock()
//	cfg := current.Dereference(s)
//	port := cfg.Port // copy out what you need
//	rcuapi.ReadUnlock(s)
//
// Pass a Section down a call chain the way you pass a context.Context. The
// rcuvet analyzer follows Section values through the program and reports
// sections that leak, pointers used after their section ended, and the other
// mistakes of the kernel's RCU review checklist.
//
// # Flavours
//
// Classic RCU (the package-level functions) is one process-wide domain whose
// readers must not block: a blocked reader holds up every grace period in the
// program. [SRCU] domains are independent; their readers may block, and a
// slow reader delays only the updaters of its own domain. Readers and
// updaters must use the same flavour and the same domain.
//
// # Grace periods and callbacks
//
// [Synchronize] waits for a grace period; concurrent callers share one.
// [Call] queues a function to run after a grace period, without waiting;
// callbacks queued together share one grace period, run on runtime
// goroutines, and may run in parallel and in any order. [Barrier] waits until
// every callback queued before it has run; code that is about to go away
// (a [Module]'s Exit, an SRCU domain's [SRCU.Cleanup]) must call it, because a
// grace period does not wait for callbacks.
//
// # Implementation
//
// Each domain keeps two-phase reader counters sharded over cache-line-padded
// slots (the technique of the kernel's SRCU). ReadLock increments the counter
// of the current phase in a slot picked from the goroutine's stack address;
// ReadUnlock decrements the same counter. A grace period waits for the
// inactive phase to drain, flips the phase, then waits for the old phase to
// drain; waiting spins briefly and then parks until the last reader of the
// phase leaves. The package's goroutines start on demand and exit when idle.
//
// # Checks at run time
//
// Cheap checks are always on and panic with a message that names the
// mistake: Dereference or ReadUnlock with the zero Section, ReadUnlock on a
// domain other than the one that made the Section, a ReadUnlock that leaves a
// counter negative, and any use of an SRCU domain after its Cleanup.
// A read-side section that holds up a grace period for longer than the stall
// timeout is reported (see [SetStallTimeout] and [SetStallHandler]).
package rcuapi
