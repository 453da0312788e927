// Case: power-of-two-choices picker draws both candidates within one section
// Source: nested rcu_read_lock() whose outer section is never ended (Documentation/RCU/checklist.rst item 2; rcuvet issue 13 class 9)
// Kind: fixed
// Pair: relockleak

package relockleakfix

import (
	"math/rand/v2"
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type backend struct {
	addr     netip.AddrPort
	inflight atomic.Int32
}

type pool struct {
	backends []*backend
}

type Balancer struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[pool]
}

// Pick returns the less loaded of two random backends.
func (b *Balancer) Pick() (netip.AddrPort, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := b.cur.Dereference(s)
	if p == nil || len(p.backends) == 0 {
		return netip.AddrPort{}, false
	}
	first := p.backends[rand.IntN(len(p.backends))]
	best := first.addr
	if len(p.backends) > 1 {
		second := p.backends[rand.IntN(len(p.backends))]
		if second.inflight.Load() < first.inflight.Load() {
			best = second.addr
		}
	}
	return best, true
}

// SetBackends publishes a new pool; old backends are garbage.
func (b *Balancer) SetBackends(addrs []netip.AddrPort) {
	p := &pool{}
	for _, a := range addrs {
		p.backends = append(p.backends, &backend{addr: a})
	}
	b.mu.Lock()
	b.cur.Assign(p)
	b.mu.Unlock()
}
