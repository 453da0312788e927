// Case: route snapshot carries per-route atomic counters that request handlers increment; a route reload swaps the snapshot and only reads the old counters to log totals
// Source: idiom: per-object statistics updated atomically by readers (atomic_inc() on rcu_dereference()d objects); the snapshot itself is never rewritten
// Kind: idiom

package snapshotcounters

import (
	"log"
	"sync/atomic"
)

type route struct {
	prefix  string
	backend string
	hits    atomic.Int64
}

type table struct {
	routes []*route
}

type Router struct {
	tbl atomic.Pointer[table]
}

func (r *Router) Match(path string) (string, bool) {
	for _, rt := range r.tbl.Load().routes {
		if len(path) >= len(rt.prefix) && path[:len(rt.prefix)] == rt.prefix {
			rt.hits.Add(1)
			return rt.backend, true
		}
	}
	return "", false
}

// Reload runs on the single config goroutine.
func (r *Router) Reload(prefixes, backends []string) {
	t := &table{}
	for i := range prefixes {
		t.routes = append(t.routes, &route{prefix: prefixes[i], backend: backends[i]})
	}
	old := r.tbl.Swap(t)
	if old == nil {
		return
	}
	for _, rt := range old.routes {
		log.Printf("route %s served %d requests", rt.prefix, rt.hits.Load())
	}
}
