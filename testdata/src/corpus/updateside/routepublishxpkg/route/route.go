// Package route builds routes for the forwarding table of the
// routepublishxpkg case. Its setters write into the route they are called on.
package route

import "net/netip"

// Route is one forwarding entry.
type Route struct {
	Prefix   netip.Prefix
	nextHops []netip.Addr
	metric   int
}

// New returns a route for p with no next hop.
func New(p netip.Prefix) *Route { return &Route{Prefix: p} }

// AddNextHop appends a next hop.
func (r *Route) AddNextHop(a netip.Addr) { r.nextHops = append(r.nextHops, a) }

// SetMetric sets the route's metric.
func (r *Route) SetMetric(m int) { r.metric = m }

// Metric returns the route's metric.
func (r *Route) Metric() int { return r.metric }

// First returns the first next hop.
func (r *Route) First() (netip.Addr, bool) {
	if len(r.nextHops) == 0 {
		return netip.Addr{}, false
	}
	return r.nextHops[0], true
}
