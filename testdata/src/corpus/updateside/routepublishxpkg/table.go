// Case: a route is published as the default route and then finished through methods of another package that write into it
// Source: issue 13 item 16 (a method of another package writes into an object after the caller published it); Linux commit 68b80f11 (netfilter NAT: fields must be assigned before the replacement, https://git.karo-electronics.de/?a=commit&h=68b80f11&p=linux-beck.git)
// Kind: bad
// Pair: routepublishxpkgfix

package routepublishxpkg

import (
	"net/netip"
	"sync"

	"fixtures/corpus/updateside/routepublishxpkg/route"
	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu           sync.Mutex
	defaultRoute rcuapi.Pointer[route.Route]
)

// SetDefault installs a default route via gw.
func SetDefault(gw netip.Addr, metric int) {
	mu.Lock()
	defer mu.Unlock()
	r := route.New(netip.MustParsePrefix("0.0.0.0/0"))
	r.AddNextHop(gw)
	defaultRoute.Assign(r)
	r.SetMetric(metric) // expect RCU2001
}

// Gateway returns the default gateway and its metric.
func Gateway() (netip.Addr, int, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	r := defaultRoute.Dereference(s)
	if r == nil {
		return netip.Addr{}, 0, false
	}
	gw, ok := r.First()
	return gw, r.Metric(), ok
}
