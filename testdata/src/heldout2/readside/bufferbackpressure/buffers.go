// Case: buffer manager applies backpressure on the RCU callback backlog by calling Barrier while still inside the section that read its limits
// Source: Documentation/RCU/checklist.rst items 6 and 15 (never wait for a grace period, or for callbacks with rcu_barrier(), from inside a read-side section: self-deadlock); rcubarrier.rst
// Kind: bad
// Pair: bufferbackpressurefix

package bufferbackpressure

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
	if rcuapi.Pending() > lim.MaxPending {
		rcuapi.Barrier() // expect RCU1006
	}
	size := lim.BufSize
	rcuapi.ReadUnlock(s)
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
