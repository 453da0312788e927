package rcu2004

import "github.com/rcuvet/rcuvet/rcuapi"

// Lock-free updaters publish with CompareAndSwap; the winner has
// unpublished the old version and retires it, after a grace period.

var bufPtr rcuapi.Pointer[buf]

// casThenPut recycles the version it replaced at once.
func casThenPut() {
	for {
		s := rcuapi.ReadLock()
		old := bufPtr.Dereference(s)
		next := &buf{data: append([]byte(nil), old.data...)}
		won := bufPtr.CompareAndSwap(old, next)
		rcuapi.ReadUnlock(s)
		if won {
			pool.Put(old) // want `RCU2004: sync\.Pool\.Put destroys an object that CompareAndSwap unpublished \(at cas\.go:\d+\) before a grace period elapsed`
			return
		}
	}
}

// okCASThenCall recycles it in a callback.
func okCASThenCall() {
	for {
		s := rcuapi.ReadLock()
		old := bufPtr.Dereference(s)
		next := &buf{data: append([]byte(nil), old.data...)}
		won := bufPtr.CompareAndSwap(old, next)
		rcuapi.ReadUnlock(s)
		if won {
			rcuapi.Call(func() { pool.Put(old) })
			return
		}
	}
}

// okCASThenSynchronize waits, then reads the old version once more and
// recycles it: the winner owns what it unpublished.
func okCASThenSynchronize() int {
	for {
		s := rcuapi.ReadLock()
		old := bufPtr.Dereference(s)
		next := &buf{data: append([]byte(nil), old.data...)}
		won := bufPtr.CompareAndSwap(old, next)
		rcuapi.ReadUnlock(s)
		if won {
			rcuapi.Synchronize()
			n := len(old.data)
			pool.Put(old)
			return n
		}
	}
}
