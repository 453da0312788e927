// Case: reverse proxy keeps its host table behind an unsafe.Pointer; AddRoute, called by one watcher goroutine per provider, copies the table and publishes with StorePointer without a lock
// Source: Documentation/RCU/checklist.rst item 1 (updaters need mutual exclusion); the pre-generics atomic.LoadPointer/StorePointer copy-on-write pattern of Go servers (e.g. traefik's and caddy's provider watchers)
// Kind: bad
// Pair: native/unsafeslotfix

package unsafeslot

import (
	"sync/atomic"
	"unsafe"
)

type routeTable struct {
	routes map[string]string // host -> backend address
}

// Router is read on every request; providers (files, Docker, Consul) each run
// a watcher goroutine that adds routes.
type Router struct {
	table unsafe.Pointer // *routeTable
}

func NewRouter() *Router {
	r := &Router{}
	atomic.StorePointer(&r.table, unsafe.Pointer(&routeTable{routes: map[string]string{}}))
	return r
}

func (r *Router) Lookup(host string) (string, bool) {
	t := (*routeTable)(atomic.LoadPointer(&r.table))
	b, ok := t.routes[host]
	return b, ok
}

// AddRoute is called by every provider's watcher goroutine.
func (r *Router) AddRoute(host, backend string) {
	old := (*routeTable)(atomic.LoadPointer(&r.table))
	next := &routeTable{routes: make(map[string]string, len(old.routes)+1)}
	for k, v := range old.routes {
		next.routes[k] = v
	}
	next.routes[host] = backend
	atomic.StorePointer(&r.table, unsafe.Pointer(next)) // expect RCU7001
}

// WatchProvider applies the routes a provider announces.
func (r *Router) WatchProvider(updates <-chan [2]string) {
	for u := range updates {
		r.AddRoute(u[0], u[1])
	}
}
