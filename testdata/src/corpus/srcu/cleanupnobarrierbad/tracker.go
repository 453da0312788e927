// Case: connection tracker queues releases with Call on its SRCU field in Drop; Close cleans the domain up with no Barrier
// Source: Linux commit 15c68f7f6341 "srcu: Check for tardy grace-period activity in cleanup_srcu_struct()" (reported by Paolo Bonzini for KVM: the last call_srcu() must be followed by srcu_barrier() before cleanup_srcu_struct()); https://git.stricted.de?a=commit&h=15c68f7f6341da1693a60440338dd4aa8836da48&p=GitHub%2Fmoto-9609%2Fandroid_kernel_motorola_exynos9610.git
// Kind: bad
// Pair: cleanupnobarrierfixed

package cleanupnobarrierbad

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct {
	peer   netip.AddrPort
	opened int64
}

// Tracker follows the connections of one listener.
type Tracker struct {
	d      *rcuapi.SRCU
	mu     sync.Mutex
	closed bool // guarded by mu
	conns  rcuapi.Map[uint64, *conn]
	freed  chan *conn // released connections, for the quota accountant
}

// NewTracker returns a tracker with its own SRCU domain.
func NewTracker() *Tracker {
	return &Tracker{d: rcuapi.NewSRCU("conntrack"), freed: make(chan *conn, 256)}
}

// Peer returns the peer of connection id.
func (t *Tracker) Peer(id uint64) (netip.AddrPort, bool) {
	s := t.d.ReadLock()
	defer t.d.ReadUnlock(s)
	c, ok := t.conns.Load(s, id)
	if !ok {
		return netip.AddrPort{}, false
	}
	return c.peer, true
}

// Drop forgets connection id; the accountant gets it after a grace period.
func (t *Tracker) Drop(id uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return
	}
	if c, ok := t.conns.Delete(id); ok {
		t.d.Call(func() {
			select {
			case t.freed <- c:
			default:
			}
		})
	}
}

// Close ends the tracker. The listener has stopped, so no reader is left,
// but the releases that Drop queued are still pending: Cleanup drops them.
func (t *Tracker) Close() error {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	return t.d.Cleanup() // expect RCU6004
}
