package good

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Routes is a snapshot published without rcuapi: updaters copy it under
// one mutex, change the copy and store it; readers load it and only read.
type Routes struct {
	ByHost map[string]string
}

var (
	routesMu sync.Mutex
	routes   atomic.Pointer[Routes]
)

func init() { routes.Store(&Routes{ByHost: map[string]string{}}) }

// AddRoute publishes a new version with one more route.
func AddRoute(host, backend string) {
	routesMu.Lock()
	defer routesMu.Unlock()
	next := &Routes{ByHost: maps.Clone(routes.Load().ByHost)}
	next.ByHost[host] = backend
	routes.Store(next)
}

// Backend is the read side.
func Backend(host string) string { return routes.Load().ByHost[host] }
