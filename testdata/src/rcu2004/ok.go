package rcu2004

import (
	"sync"

	"fixtures/retirehelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okReplaceSynchronizeClose waits for the readers before closing.
func okReplaceSynchronizeClose(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Synchronize()
	old.Close()
}

// okCloseInCallback closes the old logger in a callback, after a grace period.
func okCloseInCallback(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { old.Close() })
}

// okRemoveSynchronizePut recycles a removed buffer after the grace period.
func okRemoveSynchronizePut(e *rcuapi.Element[*buf]) {
	mu.Lock()
	bufs.Remove(e)
	mu.Unlock()
	rcuapi.Synchronize()
	pool.Put(e.Value)
}

// okDropOld drops the old logger: the garbage collector keeps it alive
// while readers hold it.
func okDropOld(next *logger) {
	mu.Lock()
	defer mu.Unlock()
	current.Replace(next, &mu)
}

// okCloseNewObject closes something that was never published.
func okCloseNewObject(f *logger) {
	mu.Lock()
	old := current.Replace(&logger{}, &mu)
	mu.Unlock()
	f.Close()
	rcuapi.Synchronize()
	old.Close()
}

// okHelperWaits retires through a helper of another package that waits for
// the grace period before closing.
func okHelperWaits(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	retirehelpers.CloseAfterGracePeriod(old)
}

// okSRCUGracePeriod waits with an SRCU grace period (the domain is RCU5001's
// business).
func okSRCUGracePeriod(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	dom.Synchronize()
	old.Close()
}

// okGoroutineRetires hands the old logger to a goroutine that waits first.
func okGoroutineRetires(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	go func() {
		rcuapi.Synchronize()
		old.Close()
	}()
}

// okPolled closes the old logger once a polled grace period has elapsed.
func okPolled(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	st := rcuapi.GetState()
	if rcuapi.PollState(st) {
		old.Close()
		return
	}
	rcuapi.CondSynchronize(st)
	old.Close()
}

// okReadWithoutReplace closes what it read with Protected at shutdown,
// without publishing anything in its place; no reader can start (the
// package's readers are gone), so this is not a retirement.
func okReadWithoutReplace() {
	mu.Lock()
	defer mu.Unlock()
	if l := current.Protected(&mu); l != nil {
		l.Close()
	}
}

// okDeferredAfterSynchronize closes in a deferred call, after the grace period.
func okDeferredAfterSynchronize(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	defer old.Close()
	rcuapi.Synchronize()
}

// okLoopRetire retires every removed connection after one grace period.
func okLoopRetire(es []*rcuapi.Element[*conn]) {
	mu.Lock()
	for _, e := range es {
		conns.Remove(e)
	}
	mu.Unlock()
	rcuapi.Synchronize()
	for _, e := range es {
		e.Value.Close()
	}
}

var dom rcuapi.SRCU

// okHelperReturnedThenWait waits before closing what the helper returned.
func okHelperReturnedThenWait(next *logger) {
	old := swapLocal(next)
	rcuapi.Synchronize()
	old.Close()
}

// okCloseOtherThenAssign closes something else before publishing.
func okCloseOtherThenAssign(next, spare *logger) {
	mu.Lock()
	defer mu.Unlock()
	spare.Close()
	current.Assign(next)
}

// okDeferredWaitThenClose defers the close, then defers the wait: deferred
// calls run last in, first out, so the wait comes first.
func okDeferredWaitThenClose(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	defer old.Close()
	defer rcuapi.Synchronize()
}

// okGoroutineSynchronizes waits for the readers in the goroutine.
func okGoroutineSynchronizes(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	go func() {
		rcuapi.Synchronize()
		old.Close()
	}()
}

// okGoroutineWaitsForUsers waits for a count of users to drain.
func okGoroutineWaitsForUsers(next *logger, users *sync.WaitGroup) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	go func() {
		users.Wait()
		old.Close()
	}()
}
