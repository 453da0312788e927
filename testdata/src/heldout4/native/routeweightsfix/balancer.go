// Case: service-discovery balancer copies every endpoint before setting its new weight in the copy
// Source: moby/libnetwork PR #1605 and golang/go issue #15908 (state shared with readers mutated in place instead of copied); Documentation/RCU/checklist.rst item 3
// Kind: fixed
// Pair: native/routeweights

package routeweightsfix

import (
	"sync"
	"sync/atomic"
)

type Endpoint struct {
	Addr   string
	Zone   string
	Weight int
}

type Snapshot struct {
	Service   string
	Endpoints []*Endpoint
}

type Balancer struct {
	mu   sync.Mutex
	snap atomic.Pointer[Snapshot]
}

// Reweight applies the weights pushed by the control plane (address -> weight).
func (b *Balancer) Reweight(weights map[string]int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cur := b.snap.Load()
	next := &Snapshot{Service: cur.Service, Endpoints: make([]*Endpoint, 0, len(cur.Endpoints))}
	for _, old := range cur.Endpoints {
		ep := new(Endpoint)
		*ep = *old
		if w, ok := weights[ep.Addr]; ok {
			ep.Weight = w
		}
		next.Endpoints = append(next.Endpoints, ep)
	}
	b.snap.Store(next)
}

// Total is used by the picker on every request.
func (b *Balancer) Total(zone string) int {
	t := 0
	for _, ep := range b.snap.Load().Endpoints {
		if ep.Zone == zone {
			t += ep.Weight
		}
	}
	return t
}
