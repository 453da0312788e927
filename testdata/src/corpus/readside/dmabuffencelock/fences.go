// Case: a classic read-side walk over the fences of a buffer takes each fence's mutex (a sleeping lock inside rcu_read_lock)
// Source: freebsd/drm-kmod PR #237 "dma-buf: Call rcu_read_unlock() before locking cursor->obj->rw" (https://github.com/freebsd/drm-kmod/pull/237)
// Kind: bad
// Pair: dmabuffencelockfix

package dmabuffencelock

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Fence is signalled by the device when its work completes.
type Fence struct {
	mu       sync.Mutex
	signaled bool
	seqno    uint64
}

// Resv is the set of fences attached to a buffer, replaced when a job is
// queued or retired.
type Resv struct {
	fences []*Fence
}

var (
	mu   sync.Mutex
	resv rcuapi.Pointer[Resv]
)

// Busy reports how many fences of the buffer are still pending.
func Busy() (pending int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, f := range resv.Dereference(s).fences {
		f.mu.Lock() // expect RCU1005
		if !f.signaled {
			pending++
		}
		f.mu.Unlock()
	}
	return pending
}

// Attach adds f to the buffer's fences.
func Attach(f *Fence) {
	mu.Lock()
	defer mu.Unlock()
	cur := resv.Protected(&mu)
	next := &Resv{fences: append([]*Fence{f}, cur.fences...)}
	resv.Assign(next)
}
