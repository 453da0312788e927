// Case: plugin registry's Add merges a plugin into the loaded table and publishes the merge with Swap, using the returned old table only for a log line; Add runs from concurrent plugin loaders
// Source: kubernetes PR #125052 (a Set that loads, copies and publishes without a lock); Documentation/RCU/checklist.rst item 1 (Swap returns the old value but does not make the update atomic with the Load)
// Kind: bad
// Pair: -

package swapmerge

import (
	"log"
	"maps"
	"sync/atomic"
)

type Plugin interface {
	Name() string
	Handle(payload []byte) ([]byte, error)
}

type table map[string]Plugin

type Registry struct {
	plugins atomic.Pointer[table]
}

func New() *Registry {
	r := &Registry{}
	r.plugins.Store(&table{})
	return r
}

func merge(t table, p Plugin) *table {
	next := maps.Clone(t)
	next[p.Name()] = p
	return &next
}

// Add is called by each loader goroutine once its plugin is initialised.
func (r *Registry) Add(p Plugin) {
	cur := r.plugins.Load()
	old := r.plugins.Swap(merge(*cur, p)) // expect RCU7001
	log.Printf("plugins: %d -> %d", len(*old), len(*old)+1)
}

func (r *Registry) Get(name string) (Plugin, bool) {
	p, ok := (*r.plugins.Load())[name]
	return p, ok
}
