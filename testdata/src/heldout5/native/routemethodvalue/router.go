// Case: routemethodvalue
// Source: moby/libnetwork PR #1605 and golang/go issue #15908 (state shared with readers mutated in place instead of copied); Documentation/RCU/checklist.rst item 3
// Kind: bad
// Pair: native/routemethodvaluefix
package routemethodvalue

import (
	"strings"
	"sync"
	"sync/atomic"
)

type Table struct {
	routes map[string]string // path prefix -> upstream cluster
}

func (t *Table) add(prefix, cluster string) { t.routes[prefix] = cluster }

func (t *Table) Match(path string) (string, bool) {
	best, cluster := "", ""
	for p, c := range t.routes {
		if strings.HasPrefix(path, p) && len(p) > len(best) {
			best, cluster = p, c
		}
	}
	return cluster, best != ""
}

type Router struct {
	mu    sync.Mutex
	table atomic.Pointer[Table]
}

func (r *Router) Lookup(path string) (string, bool) {
	return r.table.Load().Match(path)
}

// ApplyAnnotations registers the routes found on one ingress object.
func (r *Router) ApplyAnnotations(ann map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	register := r.table.Load().add
	for prefix, cluster := range ann {
		register(prefix, cluster) // expect RCU7002
	}
}
