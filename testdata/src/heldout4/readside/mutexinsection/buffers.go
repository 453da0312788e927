// Case: GPU buffer registry looks up a buffer under a classic section and locks the buffer's own mutex to read its fence before the section ends
// Source: freebsd/drm-kmod PR #237 "dma-buf: Call rcu_read_unlock() before locking cursor->obj->rw" (a sleeping lock taken inside rcu_read_lock()); Documentation/RCU/checklist.rst item 2
// Kind: bad
// Pair: readside/mutexinsectionfix

package mutexinsection

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Buffer struct {
	ID    uint64
	refs  atomic.Int32 // zero once the buffer is being freed
	mu    sync.Mutex   // guards fence
	fence uint64
}

func (b *Buffer) tryGet() bool {
	for {
		n := b.refs.Load()
		if n == 0 {
			return false
		}
		if b.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (b *Buffer) put() { b.refs.Add(-1) }

type Registry struct {
	bufs rcuapi.Map[uint64, *Buffer]
}

// Fence returns the last fence signalled on buffer id.
func (r *Registry) Fence(id uint64) (uint64, bool) {
	s := rcuapi.ReadLock()
	b, ok := r.bufs.Load(s, id)
	if !ok || !b.tryGet() {
		rcuapi.ReadUnlock(s)
		return 0, false
	}
	b.mu.Lock() // expect RCU1005
	rcuapi.ReadUnlock(s)
	f := b.fence
	b.mu.Unlock()
	b.put()
	return f, true
}
