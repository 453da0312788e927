// Case: gateway asks the control plane for an unknown host and looks the route table up again with the section it already ended
// Source: Documentation/RCU/checklist.rst item 9 (rcu_dereference() outside of a read-side critical section); lockdep-RCU "suspicious rcu_dereference_check() usage" fixes
// Kind: bad
// Pair: hostrelookfix

package hostrelook

import (
	"errors"
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoRoute = errors.New("gateway: no route for host")

type routes struct {
	byHost map[string]netip.AddrPort
}

type Gateway struct {
	mu     sync.Mutex // serialises publishers of routes
	routes rcuapi.Pointer[routes]
	fetch  func(host string) (netip.AddrPort, error) // control-plane RPC
}

func New(fetch func(string) (netip.AddrPort, error)) *Gateway {
	g := &Gateway{fetch: fetch}
	g.routes.Init(&routes{byHost: map[string]netip.AddrPort{}})
	return g
}

// Upstream returns the backend for host, asking the control plane on a miss.
func (g *Gateway) Upstream(host string) (netip.AddrPort, error) {
	s := rcuapi.ReadLock()
	addr, ok := g.routes.Dereference(s).byHost[host]
	rcuapi.ReadUnlock(s)
	if ok {
		return addr, nil
	}
	if err := g.learn(host); err != nil {
		return netip.AddrPort{}, err
	}
	// learn published a table with host in it, unless somebody else
	// published a newer one without it in the meantime.
	addr, ok = g.routes.Dereference(s).byHost[host] // expect RCU1001
	if !ok {
		return netip.AddrPort{}, ErrNoRoute
	}
	return addr, nil
}

// learn asks the control plane for host and publishes a copy of the table
// with it added.
func (g *Gateway) learn(host string) error {
	addr, err := g.fetch(host)
	if err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	cur := g.routes.Protected(&g.mu)
	next := &routes{byHost: make(map[string]netip.AddrPort, len(cur.byHost)+1)}
	for h, a := range cur.byHost {
		next.byHost[h] = a
	}
	next.byHost[host] = addr
	g.routes.Replace(next, &g.mu)
	return nil
}
