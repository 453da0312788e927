package rcu2005

import (
	"github.com/rcuvet/rcuvet/rcuapi"
)

// okProtectedWithLockHeld reads and publishes while holding the lock.
func okProtectedWithLockHeld(addr string) *config {
	mu.Lock()
	next := *current.Protected(&mu)
	next.addr = addr
	old := current.Replace(&next, &mu)
	mu.Unlock()
	return old
}

// okDeferredUnlock holds the lock to the end, on every return path.
func okDeferredUnlock(addr string) *config {
	mu.Lock()
	defer mu.Unlock()
	cur := current.Protected(&mu)
	if cur != nil && cur.addr == addr {
		return nil
	}
	return current.Replace(&config{addr: addr}, &mu)
}

// okCallerHolds is called with mu held: it never takes mu itself.
func okCallerHolds(addr string) *config {
	next := *current.Protected(&mu)
	next.addr = addr
	return current.Replace(&next, &mu)
}

// okCallsCallerHolds takes the lock for okCallerHolds.
func okCallsCallerHolds(addr string) {
	mu.Lock()
	defer mu.Unlock()
	okCallerHolds(addr)
}

// okRLockerWithReadLock names the read side while holding the read lock.
func okRLockerWithReadLock() string {
	rw.RLock()
	defer rw.RUnlock()
	return rwCfg.Protected(rw.RLocker()).addr
}

// okRLockerWithWriteLock names the read side while holding the write lock,
// which excludes every other updater too.
func okRLockerWithWriteLock() int {
	rw.Lock()
	defer rw.Unlock()
	return rwCfg.Protected(rw.RLocker()).timeout
}

// okWriteLockOnRWMutex reads and replaces under the write lock of an RWMutex.
func okWriteLockOnRWMutex(addr string) {
	rw.Lock()
	next := *rwCfg.Protected(&rw)
	next.addr = addr
	rwCfg.Replace(&next, &rw)
	rw.Unlock()
}

// okRelock releases the lock and takes it again before the second read.
func okRelock() int {
	mu.Lock()
	a := current.Protected(&mu).timeout
	mu.Unlock()
	mu.Lock()
	b := current.Protected(&mu).timeout
	mu.Unlock()
	return a + b
}

// okLockPerIteration takes the lock in each iteration, around the read.
func okLockPerIteration(n int) (total int) {
	for range n {
		mu.Lock()
		total += current.Protected(&mu).timeout
		mu.Unlock()
	}
	return total
}

// okAllProtectedRemove walks the list under the lock and removes elements.
func okAllProtectedRemove(prefix string) {
	mu.Lock()
	defer mu.Unlock()
	for e := range routes.AllProtected(&mu) {
		if e.Value.prefix == prefix {
			routes.Remove(e)
		}
	}
}

// okReceiverLockHeld uses the lock stored next to the pointer while holding it.
func (r *registry) okReceiverLockHeld(addr string) *config {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cur.Replace(&config{addr: addr}, &r.mu)
}

// okClosureUnderLock calls a closure synchronously while the lock is held.
func okClosureUnderLock() (t int) {
	mu.Lock()
	func() {
		t = current.Protected(&mu).timeout
	}()
	mu.Unlock()
	return t
}

// okConditionalLock takes the lock unless its caller already holds it.
func okConditionalLock(locked bool) int {
	if !locked {
		mu.Lock()
		defer mu.Unlock()
	}
	return current.Protected(&mu).timeout
}

// okTryLock reads only when TryLock got the lock.
func okTryLock() int {
	if mu.TryLock() {
		t := current.Protected(&mu).timeout
		mu.Unlock()
		return t
	}
	return -1
}

// okWrapperWithLockHeld calls a wrapper of another package that carries
// //rcu:protected while holding the lock it names.
func okWrapperWithLockHeld() int {
	mu.Lock()
	defer mu.Unlock()
	return store.Current(&mu).Port
}

// okReaderSection reads under a section, without the update lock.
func okReaderSection() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return current.Dereference(s).addr
}

// okEmbeddedLockHeld names the registry itself while holding its embedded mutex.
func (r *lockedRegistry) okEmbeddedLockHeld(addr string) *config {
	r.Lock()
	defer r.Unlock()
	return r.cur.Replace(&config{addr: addr}, r)
}

// okTryLockReturns returns when TryLock fails.
func okTryLockReturns(next *config) {
	if !mu.TryLock() {
		return
	}
	defer mu.Unlock()
	current.Replace(next, &mu)
}

// okTryLockThenLock waits for the lock when TryLock fails.
func okTryLockThenLock(next *config) {
	if !mu.TryLock() {
		mu.Lock()
	}
	defer mu.Unlock()
	current.Replace(next, &mu)
}
