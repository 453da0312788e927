// Case: upstream group reload releases the stats mutex before it waits for the retirement callbacks with Barrier
// Source: Documentation/RCU/checklist.rst item 11 (synchronize_rcu()/rcu_barrier() while holding a lock that a callback acquires: deadlock); rcubarrier.rst
// Kind: fixed
// Pair: callbacks/locksync

package locksyncfix

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type group struct {
	addrs    []string
	requests atomic.Int64
}

type Balancer struct {
	mu      sync.Mutex // update lock and guards totals
	current rcuapi.Pointer[group]
	totals  map[string]int64
}

func (b *Balancer) fold(g *group) {
	b.mu.Lock()
	for _, a := range g.addrs {
		b.totals[a] += g.requests.Load() / int64(len(g.addrs))
	}
	b.mu.Unlock()
}

// Reload publishes a new upstream set; the old set's counters are folded
// into totals once no request can still count on it.
func (b *Balancer) Reload(addrs []string) {
	b.mu.Lock()
	old := b.current.Replace(&group{addrs: addrs}, &b.mu)
	b.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Call(func() { b.fold(old) })
	// The admin API reads Totals right after Reload: make them exact.
	rcuapi.Barrier()
}

func (b *Balancer) Totals() map[string]int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]int64, len(b.totals))
	for k, v := range b.totals {
		out[k] = v
	}
	return out
}
