// Case: busy-polling packet worker on QSBR backs off with time.Sleep when its ring is empty, without going offline first
// Source: urcu-qsbr documentation (threads must announce quiescent states or go offline before they sleep: a sleeping online reader stalls synchronize_rcu()); DPDK RCU QSBR library guide (rte_rcu_qsbr_thread_offline before blocking calls)
// Kind: bad
// Pair: sleeponlinefixed

package sleeponlinebad

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type acl struct {
	deny map[uint32]bool // source addresses
}

// Ring is a single-producer single-consumer packet ring.
type Ring struct {
	slots [256]uint32
	head  atomic.Uint32
	tail  atomic.Uint32
}

// Pop returns the next source address, if any. It never waits.
func (r *Ring) Pop() (uint32, bool) {
	t := r.tail.Load()
	if t == r.head.Load() {
		return 0, false
	}
	v := r.slots[t%256]
	r.tail.Store(t + 1)
	return v, true
}

var (
	q       = rcuapi.NewQSBR("acl")
	mu      sync.Mutex
	rules   rcuapi.Pointer[acl]
	dropped atomic.Uint64
)

// Poll filters packets from ring until stop is set.
func Poll(ring *Ring, stop *atomic.Bool) {
	h := q.Register()
	defer h.Unregister()
	idle := time.Microsecond
	for !stop.Load() {
		src, ok := ring.Pop()
		if !ok {
			time.Sleep(idle) // expect RCU1005
			idle = min(2*idle, time.Millisecond)
			continue
		}
		idle = time.Microsecond
		s := h.ReadLock()
		if a := rules.Dereference(s); a != nil && a.deny[src] {
			dropped.Add(1)
		}
		h.ReadUnlock(s)
		h.Quiescent()
	}
}

// SetRules publishes a new deny list and returns once no poller can still
// be applying the old one.
func SetRules(deny map[uint32]bool) {
	mu.Lock()
	rules.Replace(&acl{deny: deny}, &mu)
	mu.Unlock()
	q.Synchronize()
}
