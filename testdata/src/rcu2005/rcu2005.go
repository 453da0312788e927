// Package rcu2005 holds the fixtures of RCU2005: Protected, Replace or
// AllProtected naming a lock that the function takes elsewhere but does not
// hold at that point. This file holds the shapes that must be reported;
// ok.go holds the correct idioms that must not be.
package rcu2005

import (
	"sync"

	"fixtures/updhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	addr    string
	timeout int
}

type route struct {
	prefix string
	hops   int
}

// registry keeps its lock next to what it protects.
type registry struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[config]
}

// lockedRegistry embeds its mutex and is itself the sync.Locker it names.
type lockedRegistry struct {
	sync.Mutex
	cur rcuapi.Pointer[config]
}

var (
	mu      sync.Mutex
	rw      sync.RWMutex // protects rwCfg
	current rcuapi.Pointer[config]
	rwCfg   rcuapi.Pointer[config]
	routes  rcuapi.List[route]
	store   updhelpers.Store
)

// replaceAfterUnlock publishes after it has already let go of the lock.
func replaceAfterUnlock(addr string) *config {
	mu.Lock()
	next := *current.Protected(&mu)
	mu.Unlock()
	next.addr = addr
	return current.Replace(&next, &mu) // want `RCU2005: Replace names mu, which is not held here \(this function takes it elsewhere\): hold the lock across the call`
}

// protectedBeforeLock reads with Protected before taking the lock.
func protectedBeforeLock(addr string) {
	next := *current.Protected(&mu) // want `RCU2005: Protected names mu, which is not held here`
	next.addr = addr
	mu.Lock()
	current.Assign(&next)
	mu.Unlock()
}

// rlockerAfterRUnlock names the read side after the read lock was released.
func rlockerAfterRUnlock() string {
	rw.RLock()
	a := rwCfg.Protected(rw.RLocker()).addr
	rw.RUnlock()
	return a + rwCfg.Protected(rw.RLocker()).addr // want `RCU2005: Protected names rw \(read\), which is not held here`
}

// rlockerAfterUnlock names the read side after the write lock was released.
func rlockerAfterUnlock() int {
	rw.Lock()
	rwCfg.Assign(&config{timeout: 1})
	rw.Unlock()
	return rwCfg.Protected(rw.RLocker()).timeout // want `RCU2005: Protected names rw, which is not held here`
}

// allProtectedAfterUnlock walks the list after the lock was released.
func allProtectedAfterUnlock() (n int) {
	mu.Lock()
	routes.PushBack(route{prefix: "a"})
	mu.Unlock()
	for e := range routes.AllProtected(&mu) { // want `RCU2005: AllProtected names mu, which is not held here`
		n += e.Value.hops
	}
	return n
}

// unlockedOnAllPaths releases the lock on both branches, then reads.
func unlockedOnAllPaths(fast bool) int {
	mu.Lock()
	if fast {
		mu.Unlock()
	} else {
		current.Assign(&config{})
		mu.Unlock()
	}
	return current.Protected(&mu).timeout // want `RCU2005: Protected names mu, which is not held here`
}

// receiverLockReleased uses the lock stored next to the pointer, after releasing it.
func (r *registry) receiverLockReleased(addr string) *config {
	r.mu.Lock()
	r.mu.Unlock()
	return r.cur.Replace(&config{addr: addr}, &r.mu) // want `RCU2005: Replace names r\.mu, which is not held here`
}

// parameterLockReleased names a lock it was given, after releasing it.
func parameterLockReleased(l *sync.Mutex) int {
	l.Lock()
	t := current.Protected(l).timeout
	l.Unlock()
	return t + current.Protected(l).timeout // want `RCU2005: Protected names l, which is not held here`
}

// protectedAfterLoop reads after a loop that takes and releases the lock.
func protectedAfterLoop(addrs []string) string {
	for _, a := range addrs {
		mu.Lock()
		current.Assign(&config{addr: a})
		mu.Unlock()
	}
	return current.Protected(&mu).addr // want `RCU2005: Protected names mu, which is not held here`
}

// protectedInGoroutine starts a goroutine under the lock; the goroutine does
// not hold it.
func protectedInGoroutine(done chan<- string) {
	mu.Lock()
	defer mu.Unlock()
	go func() {
		done <- current.Protected(&mu).addr // want `RCU2005: Protected names mu, which is not held here`
	}()
}

// protectedInCallback queues a callback under the lock; it runs after a
// grace period, on another goroutine, without it.
func protectedInCallback() {
	mu.Lock()
	defer mu.Unlock()
	rcuapi.Call(func() {
		_ = current.Protected(&mu).addr // want `RCU2005: Protected names mu, which is not held here`
	})
}

// wrapperAfterUnlock calls a wrapper of another package that carries
// //rcu:protected, after releasing the lock it names.
func wrapperAfterUnlock() int {
	mu.Lock()
	mu.Unlock()
	return store.Current(&mu).Port // want `RCU2005: Current names mu, which is not held here`
}

// protectedInDeferredClosure reads in a deferred closure, which runs after
// the lock was released.
func protectedInDeferredClosure(out *string) {
	mu.Lock()
	current.Assign(&config{addr: "x"})
	mu.Unlock()
	defer func() {
		*out = current.Protected(&mu).addr // want `RCU2005: Protected names mu, which is not held here`
	}()
}

// tryLockFallsThrough counts contention, then replaces whether or not
// TryLock took the lock.
func tryLockFallsThrough(next *config) {
	if !mu.TryLock() {
		println("contended")
	}
	defer mu.Unlock()
	current.Replace(next, &mu) // want `RCU2005: Replace names mu, which is not held here when TryLock failed to take it`
}
