// Case: the one-entry route cache keeps a fresh copy of the values it needs, not the protected route
// Source: issue 13 item 8 (escape into long-lived memory); fix by copying values out under the section, as the kernel does when it cannot take a reference
// Kind: fixed
// Pair: routecacheatomicptr

package routecacheatomicptrfix

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

// hit is what the cache remembers: values only.
type hit struct {
	prefix  netip.Prefix
	nextHop netip.Addr
}

var (
	mu       sync.Mutex
	table    rcuapi.Pointer[Table]
	lastHit  atomic.Pointer[hit]
	counters = sync.Pool{New: func() any { return new(atomic.Uint64) }}
)

// NextHop returns the next hop towards dst.
func NextHop(dst netip.Addr) (netip.Addr, bool) {
	if h := lastHit.Load(); h != nil && h.prefix.Contains(dst) {
		return h.nextHop, true
	}
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, r := range table.Dereference(s).routes {
		if r.Prefix.Contains(dst) {
			r.hits.Add(1)
			lastHit.Store(&hit{prefix: r.Prefix, nextHop: r.NextHop})
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
	lastHit.Store(nil)
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
