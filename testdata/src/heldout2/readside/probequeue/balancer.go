// Case: load balancer hands the published backend slice itself to the health prober with a non-blocking send
// Source: Documentation/RCU/checklist.rst item 2 (values derived from an RCU-protected pointer, here a slice into the snapshot, must not leave the section); rcu_dereference.rst
// Kind: bad
// Pair: probequeuefix

package probequeue

import (
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Backend struct {
	Addr   netip.AddrPort
	Weight int
	Zone   string
}

type snapshot struct {
	gen      uint64
	Backends []Backend
}

type Balancer struct {
	mu      sync.Mutex
	cur     rcuapi.Pointer[snapshot]
	free    [][]Backend // backend arrays to reuse, guarded by mu
	probeQ  chan []Backend
	dropped atomic.Uint64
	next    atomic.Uint64
}

func New() *Balancer {
	b := &Balancer{probeQ: make(chan []Backend, 4)}
	b.cur.Init(&snapshot{})
	return b
}

// Pick returns the next backend round-robin and, every 1024 picks, asks the
// prober to look at the whole set.
func (b *Balancer) Pick() (netip.AddrPort, bool) {
	n := b.next.Add(1)
	s := rcuapi.ReadLock()
	snap := b.cur.Dereference(s)
	if len(snap.Backends) == 0 {
		rcuapi.ReadUnlock(s)
		return netip.AddrPort{}, false
	}
	addr := snap.Backends[n%uint64(len(snap.Backends))].Addr
	if n%1024 == 0 {
		select {
		case b.probeQ <- snap.Backends: // expect RCU1002
		default:
			b.dropped.Add(1)
		}
	}
	rcuapi.ReadUnlock(s)
	return addr, true
}

// Update publishes a new backend set and keeps the old array for reuse once
// no reader can still be walking it.
func (b *Balancer) Update(backends []Backend) {
	b.mu.Lock()
	var arr []Backend
	if k := len(b.free); k > 0 {
		arr, b.free = b.free[k-1][:0], b.free[:k-1]
	}
	arr = append(arr, backends...)
	old := b.cur.Replace(&snapshot{gen: b.cur.Protected(&b.mu).gen + 1, Backends: arr}, &b.mu)
	b.mu.Unlock()

	rcuapi.Synchronize()
	b.mu.Lock()
	b.free = append(b.free, old.Backends)
	b.mu.Unlock()
}
