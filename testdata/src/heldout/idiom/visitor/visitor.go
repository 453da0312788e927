// Case: generic snapshot holder (sub-package) whose readers pass visitors that compute values inside the section
// Source: idiom: confine every use of the protected pointer to a callback run under rcu_read_lock(), as iterator helpers such as rcu's for_each wrappers do
// Kind: idiom

package visitor

import (
	"net/netip"
	"slices"

	"fixtures/heldout/idiom/visitor/snap"
)

type Topology struct {
	Nodes []netip.Addr
	Zone  map[netip.Addr]string
	Epoch uint64
}

var topo snap.Holder[Topology]

// Epoch returns the current epoch number.
func Epoch() uint64 {
	return snap.Read(&topo, func(t *Topology) uint64 {
		if t == nil {
			return 0
		}
		return t.Epoch
	})
}

// NodesIn lists the nodes of zone, as a fresh slice of values.
func NodesIn(zone string) []netip.Addr {
	return snap.Read(&topo, func(t *Topology) []netip.Addr {
		var out []netip.Addr
		if t == nil {
			return nil
		}
		for _, n := range t.Nodes {
			if t.Zone[n] == zone {
				out = append(out, n)
			}
		}
		return out
	})
}

// AddNode publishes a topology with one more node.
func AddNode(a netip.Addr, zone string) {
	snap.Update(&topo, func(old *Topology) *Topology {
		next := &Topology{Zone: map[netip.Addr]string{a: zone}}
		if old != nil {
			next.Nodes = slices.Clone(old.Nodes)
			next.Epoch = old.Epoch
			for k, v := range old.Zone {
				next.Zone[k] = v
			}
		}
		next.Nodes = append(next.Nodes, a)
		next.Epoch++
		return next
	})
}
