// Case: longest-prefix lookup returns a pointer into the RCU-protected route table
// Source: bcachefs-tools PR #871 "targets: copy the target mask out of RCU, don't hand out interior pointers" (https://github.com/koverstreet/bcachefs-tools/pull/871)
// Kind: bad
// Pair: routeleakfix

package routeleak

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Route is one entry of the forwarding table. Entries are recycled once a
// table has been replaced and a grace period has elapsed.
type Route struct {
	Prefix  netip.Prefix
	NextHop netip.Addr
	Metric  int
	Labels  []uint32
}

type table struct {
	routes []*Route // longest prefix first
}

type Router struct {
	mu   sync.Mutex
	cur  rcuapi.Pointer[table]
	free []*Route // recycled entries, under mu
}

// Lookup finds the most specific route for dst.
func (r *Router) Lookup(dst netip.Addr) *Route {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t := r.cur.Dereference(s)
	if t == nil {
		return nil
	}
	for _, rt := range t.routes {
		if rt.Prefix.Contains(dst) {
			return rt // expect RCU1002
		}
	}
	return nil
}

// NextHop is what the forwarding path calls per packet.
func (r *Router) NextHop(dst netip.Addr) (netip.Addr, bool) {
	rt := r.Lookup(dst)
	if rt == nil {
		return netip.Addr{}, false
	}
	return rt.NextHop, true
}

// Install publishes a new table and recycles the entries of the old one.
func (r *Router) Install(routes []*Route) {
	nt := &table{routes: routes}
	r.mu.Lock()
	old := r.cur.Replace(nt, &r.mu)
	r.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize()
	r.mu.Lock()
	for _, rt := range old.routes {
		rt.Labels = rt.Labels[:0]
		rt.Prefix = netip.Prefix{}
		r.free = append(r.free, rt)
	}
	r.mu.Unlock()
}
