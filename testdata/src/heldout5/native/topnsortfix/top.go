// Case: topnsortfix
// Source: golang/go issue #15908 and etcd PR #6896 (a slice shared with readers sorted or changed in place); Documentation/RCU/checklist.rst item 3
// Kind: fixed
// Pair: native/topnsort
package topnsortfix

import (
	"slices"
	"sort"
	"sync/atomic"
)

type Route struct {
	Path string
	RPS  float64
}

type Stats struct {
	Routes []Route // in registration order; the router indexes it by route id
}

type Dashboard struct {
	stats atomic.Pointer[Stats]
}

func (d *Dashboard) Publish(s *Stats) { d.stats.Store(s) }

// RouteByID is on the request path.
func (d *Dashboard) RouteByID(id int) Route { return d.stats.Load().Routes[id] }

// Top returns the n busiest routes for the dashboard.
func (d *Dashboard) Top(n int) []Route {
	routes := slices.Clone(d.stats.Load().Routes)
	sort.Slice(routes, func(i, j int) bool { return routes[i].RPS > routes[j].RPS })
	if len(routes) > n {
		routes = routes[:n]
	}
	return routes
}
