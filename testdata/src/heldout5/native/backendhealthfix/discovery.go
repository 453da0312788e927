// Case: backendhealthfix
// Source: traefik PR #6979 (configuration changed after it was handed to readers); Documentation/RCU/checklist.rst item 4 (initialise before rcu_assign_pointer)
// Kind: fixed
// Pair: native/backendhealth
package backendhealthfix

import (
	"net/netip"
	"sync/atomic"
)

type Backend struct {
	Addr    netip.AddrPort
	Zone    string
	Healthy bool
}

type Pool struct {
	Backends []*Backend
}

var pool atomic.Pointer[Pool]

// Pick returns the first healthy backend in the caller's zone.
func Pick(zone string) (netip.AddrPort, bool) {
	p := pool.Load()
	if p == nil {
		return netip.AddrPort{}, false
	}
	for _, b := range p.Backends {
		if b.Healthy && b.Zone == zone {
			return b.Addr, true
		}
	}
	return netip.AddrPort{}, false
}

// Refresh publishes the catalog's answer; probe reports which are up.
func Refresh(addrs map[netip.AddrPort]string, probe func(netip.AddrPort) bool) {
	next := &Pool{}
	for a, zone := range addrs {
		next.Backends = append(next.Backends, &Backend{Addr: a, Zone: zone})
	}
	for _, b := range next.Backends {
		b.Healthy = probe(b.Addr)
	}
	pool.Store(next)
}
