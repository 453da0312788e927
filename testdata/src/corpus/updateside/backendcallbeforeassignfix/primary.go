// Case: the new primary is published first; the old one's destruction is queued afterwards
// Source: Paul E. McKenney, "RCU protected deletion" answer (https://mirror.cpsc.ucalgary.ca/mirror/kernel.org/linux/kernel/people/paulmck/Answers/RCU/ProtDel.html)
// Kind: fixed
// Pair: backendcallbeforeassign

package backendcallbeforeassignfix

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
	primary.Assign(next)
	if old != nil {
		rcuapi.Call(old.Close)
	}
}
