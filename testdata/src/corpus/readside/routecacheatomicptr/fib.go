// Case: a route found under a read-side section is kept in an atomic.Pointer one-entry cache
// Source: issue 13 item 8 (escape into long-lived memory); the kernel's socket route cache has the same shape: a route found under rcu_read_lock() may be cached only after a reference is taken (dst_hold), see Documentation/RCU/whatisRCU "holding a reference from one RCU read-side critical section to another is illegal" (http://kerneltrap.org/mailarchive/linux-kernel/2007/10/7/331165)
// Kind: bad
// Pair: routecacheatomicptrfix

package routecacheatomicptr

import (
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Route is one entry of the forwarding table. Its counter is recycled when
// the route is retired.
type Route struct {
	Prefix  netip.Prefix
	NextHop netip.Addr
	Dev     string
	hits    *atomic.Uint64
}

// Table is the forwarding table, replaced as a whole.
type Table struct {
	routes []*Route
}

var (
	mu       sync.Mutex
	table    rcuapi.Pointer[Table]
	lastHit  atomic.Pointer[Route] // one-entry cache in front of the table
	counters = sync.Pool{New: func() any { return new(atomic.Uint64) }}
)

// NextHop returns the next hop towards dst.
func NextHop(dst netip.Addr) (netip.Addr, bool) {
	if r := lastHit.Load(); r != nil && r.Prefix.Contains(dst) {
		r.hits.Add(1)
		return r.NextHop, true
	}
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, r := range table.Dereference(s).routes {
		if r.Prefix.Contains(dst) {
			r.hits.Add(1)
			lastHit.Store(r) // expect RCU1002
			return r.NextHop, true
		}
	}
	return netip.Addr{}, false
}

// Install publishes a new table and recycles the counters of the old one
// once no reader can see it.
func Install(next *Table) {
	mu.Lock()
	old := table.Replace(next, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize()
	for _, r := range old.routes {
		r.hits.Store(0)
		counters.Put(r.hits)
	}
}
