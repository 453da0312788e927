// Case: the destruction of the old primary backend is queued with Call before the new one is published, so the grace period can end while new readers still find the old one
// Source: Paul E. McKenney, "RCU protected deletion" answer (kfree_rcu() before rcu_assign_pointer(): "Always prevent readers from obtaining new references to the structure before starting the grace period", https://mirror.cpsc.ucalgary.ca/mirror/kernel.org/linux/kernel/people/paulmck/Answers/RCU/ProtDel.html)
// Kind: bad
// Pair: backendcallbeforeassignfix

package backendcallbeforeassign

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var buffers = sync.Pool{New: func() any { return make([]byte, 0, 64<<10) }}

// Backend is the primary storage backend; its write buffer is pooled.
type Backend struct {
	Name   string
	buf    []byte
	closed atomic.Bool
}

// Close marks the backend closed and returns its buffer to the pool.
func (b *Backend) Close() {
	b.closed.Store(true)
	buffers.Put(b.buf[:0])
}

var (
	mu      sync.Mutex
	primary rcuapi.Pointer[Backend]
)

// Name returns the current primary's name.
func Name() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if b := primary.Dereference(s); b != nil && !b.closed.Load() {
		return b.Name
	}
	return ""
}

// Failover makes next the primary and retires the old one.
func Failover(next *Backend) {
	mu.Lock()
	defer mu.Unlock()
	old := primary.Protected(&mu)
	if old != nil {
		rcuapi.Call(old.Close) // expect RCU2004
	}
	primary.Assign(next)
}
