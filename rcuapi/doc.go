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
// # Choosing a flavour
//
// Classic RCU (the package-level functions) is one process-wide domain whose
// readers must not block: a blocked reader holds up every grace period in the
// program. Choose it by default: any goroutine can read, with nothing to set
// up.
//
// [SRCU] domains are independent; their readers may block, and a slow reader
// delays only the updaters of its own domain. Choose SRCU when readers wait
// for I/O or locks inside a section, or to keep one subsystem's readers from
// delaying another's updaters.
//
// [QSBR] domains (quiescent-state-based RCU) have the cheapest readers: a
// section is a few instructions on a handle the reader owns, with no atomic
// read-modify-write and no shared write. The price is that each reading
// goroutine registers a [QSBRReader] and tells the domain when it holds no
// references: [QSBRReader.Quiescent] between requests, [QSBRReader.Offline]
// before it blocks for long (waiting for the next request, sleeping, doing
// I/O) and [QSBRReader.Online] after. Choose QSBR for worker loops that read
// on every request and can quiesce between requests:
//
//	r := d.Register()
//	defer r.Unregister()
//	for {
//		r.Offline()
//		req, ok := <-requests
//		r.Online()
//		if !ok {
//			return
//		}
//		s := r.ReadLock()
//		serve(req, table.Dereference(s))
//		r.ReadUnlock(s)
//		r.Quiescent()
//	}
//
// A handle that is online and does not quiesce holds up every grace period
// of its domain; the stall warning names it by where it was registered. In
// particular a goroutine must not call Synchronize or Barrier of a QSBR
// domain while a handle of its own on that domain is online: the grace
// period would wait for the goroutine, which waits for the grace period. Go
// offline first.
//
// Readers and updaters must use the same flavour and the same domain.
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
// phase leaves.
//
// On linux/amd64 (without the race detector, and unless built with -tags
// rcuapi_nomemb or run with RCUAPI_MEMB=0), classic RCU and SRCU readers
// count differently: where the process can register for the membarrier
// system call's private expedited command, each reader pins itself to its Go
// processor (P) just long enough to add one, with a plain store and no
// locked instruction, to that P's count of sections begun (ReadLock) or
// ended (ReadUnlock) in the current phase, and a grace period compares the
// sums over all Ps, with membarrier supplying the memory ordering the
// readers leave out (liburcu's memb flavour, the kernel's SRCU-lite). This
// makes a read section cheaper than a sync.RWMutex read lock on one
// goroutine and makes every grace period pay for a few membarrier calls
// (about half a microsecond each). See memb.go for the argument.
//
// A QSBR domain instead keeps a grace-period counter and, per
// handle, the counter's value at the handle's last quiescent state (zero
// while offline), each on its own cache line; a grace period increments the
// counter and waits until every registered handle is offline or has caught
// up, parking until a handle that announces a quiescent state wakes it. All
// flavours share the grace-period sequencing (concurrent callers share grace
// periods) and the callback batching. The package's goroutines start on
// demand and exit when idle.
//
// # Checks at run time
//
// Cheap checks are always on and panic with a message that names the
// mistake: Dereference or ReadUnlock with the zero Section, ReadUnlock on a
// domain other than the one that made the Section, a ReadUnlock that leaves a
// counter negative, and any use of an SRCU domain after its Cleanup. With the
// membarrier read path a second ReadUnlock of a Section cannot be seen at the
// call; the next grace period of the domain finds more sections ended than
// begun, and the Synchronize (or SynchronizeExpedited, CondSynchronize) that
// waited for it panics. A QSBR
// handle panics when it reads while offline or after Unregister, when it
// quiesces, goes offline or unregisters inside one of its own sections, when
// it goes online or offline twice, and when a section ends on a handle other
// than the one that began it or out of nesting order.
// A read-side section that holds up a grace period for longer than the stall
// timeout is reported (see [SetStallTimeout] and [SetStallHandler]).
package rcuapi
