// Case: the route is finished through the other package's methods before it is published
// Source: issue 13 item 16; Linux commit 68b80f11 (initialise, then publish, https://git.karo-electronics.de/?a=commit&h=68b80f11&p=linux-beck.git)
// Kind: fixed
// Pair: routepublishxpkg

package routepublishxpkgfix

import (
	"net/netip"
	"sync"

	"fixtures/corpus/updateside/routepublishxpkgfix/route"
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
	r.SetMetric(metric)
	defaultRoute.Assign(r)
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
