// Case: HTTP router counts hits and bytes per route with atomic counters that live in the RCU-protected route objects, incremented by readers inside their sections
// Source: idiom: per-object statistics updated atomically by readers (atomic_inc() on fields of rcu_dereference()d objects in the kernel's networking stack); the object itself is never rewritten in place
// Kind: idiom

package hitcounters

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type route struct {
	prefix  string
	backend string
	hits    atomic.Uint64
	bytes   atomic.Uint64
}

type table struct {
	routes []*route
}

type Router struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[table]
}

func New() *Router {
	r := &Router{}
	r.cur.Init(&table{})
	return r
}

// Pick returns the backend for path and accounts the request to its route.
func (r *Router) Pick(path string, size int) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, rt := range r.cur.Dereference(s).routes {
		if strings.HasPrefix(path, rt.prefix) {
			rt.hits.Add(1)
			rt.bytes.Add(uint64(size))
			return rt.backend, true
		}
	}
	return "", false
}

// Stats returns hits per prefix.
func (r *Router) Stats() map[string]uint64 {
	out := make(map[string]uint64)
	s := rcuapi.ReadLock()
	for _, rt := range r.cur.Dereference(s).routes {
		out[rt.prefix] = rt.hits.Load()
	}
	rcuapi.ReadUnlock(s)
	return out
}

// Replace installs new routes; routes kept from the old table keep their
// counters because the new table points at the same route objects.
func (r *Router) Replace(routes []*route) {
	r.mu.Lock()
	r.cur.Replace(&table{routes: routes}, &r.mu)
	r.mu.Unlock()
}
