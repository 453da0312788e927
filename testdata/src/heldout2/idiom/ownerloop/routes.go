// Case: route table with a single owner goroutine that applies every change from a channel, publishes with Assign without a lock, and closes the resources of the replaced version after one grace period per batch
// Source: idiom: updates restricted to a single task need no lock (Documentation/RCU/checklist.rst item 1c); Go's "share memory by communicating" owner goroutine
// Kind: idiom

package ownerloop

import (
	"io"
	"maps"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Route struct {
	Backend string
	Log     io.Closer // per-route access log, closed when the route goes away
}

type table struct {
	routes map[string]Route
}

type change struct {
	path  string
	route *Route // nil deletes
}

// Router's table is written only by the goroutine running Run.
type Router struct {
	cur     rcuapi.Pointer[table]
	changes chan []change
}

func New() *Router {
	r := &Router{changes: make(chan []change, 16)}
	r.cur.Init(&table{routes: map[string]Route{}})
	return r
}

// Backend returns the backend for a path.
func (r *Router) Backend(path string) (string, bool) {
	s := rcuapi.ReadLock()
	rt, ok := r.cur.Dereference(s).routes[path]
	rcuapi.ReadUnlock(s)
	return rt.Backend, ok
}

// Submit hands a batch of changes to the owner goroutine.
func (r *Router) Submit(batch []change) { r.changes <- batch }

// Run is the only updater. It keeps the current version in a local
// variable, so it never needs to load the pointer it owns.
func (r *Router) Run(initial *table) {
	cur := initial
	r.cur.Assign(cur)
	for batch := range r.changes {
		next := &table{routes: maps.Clone(cur.routes)}
		var dropped []io.Closer
		for _, c := range batch {
			if old, ok := next.routes[c.path]; ok && old.Log != nil {
				dropped = append(dropped, old.Log)
			}
			if c.route == nil {
				delete(next.routes, c.path)
			} else {
				next.routes[c.path] = *c.route
			}
		}
		r.cur.Assign(next)
		cur = next
		if len(dropped) > 0 {
			rcuapi.Synchronize()
			for _, l := range dropped {
				l.Close()
			}
		}
	}
}
