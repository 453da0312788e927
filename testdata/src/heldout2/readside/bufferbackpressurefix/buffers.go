// Case: buffer manager copies its limits, ends the section, and only then waits on the callback backlog with Barrier
// Source: Documentation/RCU/checklist.rst items 6 and 15 (never wait for a grace period, or for callbacks with rcu_barrier(), from inside a read-side section: self-deadlock); rcubarrier.rst
// Kind: fixed
// Pair: bufferbackpressure

package bufferbackpressurefix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type limits struct {
	BufSize    int
	MaxPending int // queued buffer releases tolerated before Acquire waits
}

// Manager hands out receive buffers. Readers of a released buffer may still
// be running, so a buffer goes back to the pool only from an RCU callback.
type Manager struct {
	mu     sync.Mutex
	limits rcuapi.Pointer[limits]
	pool   sync.Pool
}

func NewManager(bufSize, maxPending int) *Manager {
	m := &Manager{}
	m.limits.Init(&limits{BufSize: bufSize, MaxPending: maxPending})
	return m
}

// Acquire returns a buffer of the configured size.
func (m *Manager) Acquire() []byte {
	s := rcuapi.ReadLock()
	lim := m.limits.Dereference(s)
	size, maxPending := lim.BufSize, lim.MaxPending
	rcuapi.ReadUnlock(s)
	if rcuapi.Pending() > maxPending {
		rcuapi.Barrier()
	}
	if b, ok := m.pool.Get().(*[]byte); ok && cap(*b) >= size {
		return (*b)[:size]
	}
	return make([]byte, size)
}

// Release returns a buffer to the pool once no reader can still be using it.
func (m *Manager) Release(b []byte) {
	rcuapi.Call(func() { m.pool.Put(&b) })
}

// SetLimits publishes new limits; the old ones are only memory.
func (m *Manager) SetLimits(bufSize, maxPending int) {
	m.mu.Lock()
	m.limits.Replace(&limits{BufSize: bufSize, MaxPending: maxPending}, &m.mu)
	m.mu.Unlock()
}
