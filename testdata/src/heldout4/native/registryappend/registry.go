// Case: metrics registry reload publishes the new collector set and then appends the process collectors to it in a loop, while the scrape handler iterates the published slice
// Source: prometheus/client_golang-style registries rebuilt on reload; Documentation/RCU/checklist.rst item 4 (all initialisation before publication); traefik PR #6979
// Kind: bad
// Pair: -

package registryappend

import (
	"io"
	"sync"
	"sync/atomic"
)

type Collector interface {
	Name() string
	Collect(w io.Writer) error
}

type collectorSet struct {
	generation int
	collectors []Collector
}

type Registry struct {
	mu   sync.Mutex
	set  atomic.Pointer[collectorSet]
	base []Collector // process and runtime collectors, always present
}

// Reload replaces the user collectors.
func (r *Registry) Reload(user []Collector) {
	r.mu.Lock()
	defer r.mu.Unlock()
	gen := 1
	if cur := r.set.Load(); cur != nil {
		gen = cur.generation + 1
	}
	next := &collectorSet{generation: gen, collectors: append([]Collector(nil), user...)}
	r.set.Store(next)
	for _, c := range r.base {
		next.collectors = append(next.collectors, c) // expect RCU7003
	}
}

// Scrape writes every collector's samples.
func (r *Registry) Scrape(w io.Writer) error {
	s := r.set.Load()
	if s == nil {
		return nil
	}
	for _, c := range s.collectors {
		if err := c.Collect(w); err != nil {
			return err
		}
	}
	return nil
}
