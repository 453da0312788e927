// Package setters knows nothing of RCU: a type with setters, as any
// package has. Calling a setter on an object is writing into it.
package setters

import "sync"

// Route is a route with a metric.
type Route struct {
	Prefix string
	hops   []string
	metric int
	mu     sync.Mutex
	hits   int
}

// New returns a route for prefix.
func New(prefix string) *Route { return &Route{Prefix: prefix} }

// AddHop appends a next hop.
func (r *Route) AddHop(h string) { r.hops = append(r.hops, h) }

// SetMetric sets the metric.
func (r *Route) SetMetric(m int) { r.metric = m }

// Metric returns the metric.
func (r *Route) Metric() int { return r.metric }

// Hit counts a use under the route's own lock.
func (r *Route) Hit() {
	r.mu.Lock()
	r.hits++
	r.mu.Unlock()
}
