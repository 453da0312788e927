// Package rcu2004 holds the fixtures of RCU2004: an old object destroyed
// before it was unpublished and a grace period elapsed. This file holds the
// shapes that must be reported; ok.go holds the correct idioms that must
// not be.
package rcu2004

import (
	"os"
	"sync"
	"time"

	"fixtures/retirehelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type logger struct{ f *os.File }

// Close closes the logger's file.
func (l *logger) Close() error { return l.f.Close() }

type conn struct{ fd int }

func (c *conn) Close() error { c.fd = -1; return nil }

type buf struct{ data []byte }

var (
	mu      sync.Mutex
	current rcuapi.Pointer[logger]
	conns   rcuapi.List[*conn]
	bufs    rcuapi.List[*buf]
	arena   rcuapi.Pointer[retirehelpers.Buffer]
	mods    rcuapi.List[*rcuapi.Module]
	pool    = sync.Pool{New: func() any { return new(buf) }}
)

// closeAfterReplace closes the old logger right after replacing it.
func closeAfterReplace(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	old.Close() // want `RCU2004: Close destroys an object that Replace unpublished \(at rcu2004\.go:\d+\) before a grace period elapsed`
}

// closeThenSynchronize waits for the grace period, but only after closing.
func closeThenSynchronize(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	old.Close() // want `RCU2004: Close destroys an object that Replace unpublished \(at rcu2004\.go:\d+\)`
	rcuapi.Synchronize()
}

// removeThenPoolPut recycles a removed element's buffer at once.
func removeThenPoolPut(e *rcuapi.Element[*buf]) {
	mu.Lock()
	bufs.Remove(e)
	mu.Unlock()
	pool.Put(e.Value) // want `RCU2004: sync\.Pool\.Put destroys an object that Remove unpublished \(at rcu2004\.go:\d+\)`
}

// removeThenClose closes a removed connection at once.
func removeThenClose(e *rcuapi.Element[*conn]) {
	mu.Lock()
	conns.Remove(e)
	mu.Unlock()
	e.Value.Close() // want `RCU2004: Close destroys an object that Remove unpublished \(at rcu2004\.go:\d+\)`
}

// protectedThenAssign reads the current logger under the lock, publishes a
// new one, and closes the one it read.
func protectedThenAssign(next *logger) {
	mu.Lock()
	defer mu.Unlock()
	old := current.Protected(&mu)
	current.Assign(next)
	old.Close() // want `RCU2004: Close destroys an object that Assign unpublished \(at rcu2004\.go:\d+\)`
}

// closeOnOnePath waits for the grace period on one path only.
func closeOnOnePath(next *logger, wait bool) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	if wait {
		rcuapi.Synchronize()
	}
	old.Close() // want `RCU2004: Close destroys an object that Replace unpublished \(at rcu2004\.go:\d+\)`
}

// helperBeforeSynchronize destroys through a helper of another package,
// before the grace period.
func helperBeforeSynchronize(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	retirehelpers.CloseNow(old) // want `RCU2004: CloseNow destroys an object that Replace unpublished \(at rcu2004\.go:\d+\)`
	rcuapi.Synchronize()
}

// annotatedDestroy frees an old buffer with a function that carries
// //rcu:destroy.
func annotatedDestroy(next *retirehelpers.Buffer) {
	mu.Lock()
	old := arena.Replace(next, &mu)
	mu.Unlock()
	retirehelpers.Free(old) // want `RCU2004: Free destroys an object that Replace unpublished \(at rcu2004\.go:\d+\)`
}

// unloadRemoved unloads a module as soon as it is off the list.
func unloadRemoved(e *rcuapi.Element[*rcuapi.Module]) error {
	mu.Lock()
	mods.Remove(e)
	mu.Unlock()
	return rcuapi.Unload(e.Value) // want `RCU2004: Unload destroys an object that Remove unpublished \(at rcu2004\.go:\d+\)`
}

// deferredClose closes the old logger in a deferred call, with no grace period.
func deferredClose(next *logger) {
	mu.Lock()
	defer mu.Unlock()
	old := current.Replace(next, &mu)
	defer old.Close() // want `RCU2004: Close destroys an object that Replace unpublished \(at rcu2004\.go:\d+\)`
}

// closeLocal is a helper of this package that closes what it is given.
func closeLocal(l *logger) { l.Close() }

// localHelperBeforeSynchronize destroys through a helper of this package.
func localHelperBeforeSynchronize(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	closeLocal(old) // want `RCU2004: closeLocal destroys an object that Replace unpublished \(at rcu2004\.go:\d+\)`
	rcuapi.Synchronize()
}

// swapLocal is a helper of this package that replaces and returns the old logger.
func swapLocal(next *logger) *logger {
	mu.Lock()
	defer mu.Unlock()
	return current.Replace(next, &mu)
}

// closeWhatHelperReturned closes what a replacing helper returned, at once.
func closeWhatHelperReturned(next *logger) {
	old := swapLocal(next)
	old.Close() // want `RCU2004: Close destroys an object that swapLocal unpublished \(at rcu2004\.go:\d+\)`
}

// freeWhatOtherPackageReturned frees what a replacing helper of another
// package returned, at once.
func freeWhatOtherPackageReturned(next *retirehelpers.Buffer) {
	old := retirehelpers.Swap(next)
	retirehelpers.Free(old) // want `RCU2004: Free destroys an object that Swap unpublished \(at rcu2004\.go:\d+\)`
}

// closeBeforeReplace closes the current logger and only then publishes the
// next one: readers may find the closed logger meanwhile.
func closeBeforeReplace(next *logger) {
	mu.Lock()
	defer mu.Unlock()
	cur := current.Protected(&mu)
	cur.Close() // want `RCU2004: Close destroys an object that is still published: Assign unpublishes it only later \(at rcu2004\.go:\d+\)`
	current.Assign(next)
}

// deferredWaitBeforeClose defers the wait first, so it runs after the close.
func deferredWaitBeforeClose(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	defer rcuapi.Synchronize()
	defer old.Close() // want `RCU2004: Close destroys an object that Replace unpublished \(at rcu2004\.go:\d+\)`
}

// closeAfterSleep closes the old logger from a goroutine after a fixed
// delay: a reader may take longer, a delay is no grace period.
func closeAfterSleep(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	go func() {
		time.Sleep(30 * time.Second)
		old.Close() // want `RCU2004: Close \(in a goroutine or timer function that only waits a fixed time, which is no grace period\) destroys an object that Replace unpublished`
	}()
}

// closeOnTimer does the same with a timer.
func closeOnTimer(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	time.AfterFunc(time.Minute, func() {
		old.Close() // want `RCU2004: Close \(in a goroutine or timer function that only waits a fixed time, which is no grace period\) destroys an object that Replace unpublished`
	})
}
