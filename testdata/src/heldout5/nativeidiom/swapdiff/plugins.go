// Case: swapdiff
// Source: idiom: Swap returns the old snapshot, which the updater only reads (to log what changed) and leaves to the garbage collector
// Kind: idiom
package swapdiff

import (
	"log"
	"sync"
	"sync/atomic"
)

type Plugin struct {
	Name    string
	Version string
}

type Registry struct {
	mu      sync.Mutex
	plugins atomic.Pointer[map[string]Plugin]
}

func (r *Registry) Get(name string) (Plugin, bool) {
	m := r.plugins.Load()
	if m == nil {
		return Plugin{}, false
	}
	p, ok := (*m)[name]
	return p, ok
}

// Reload publishes the plugins found on disk and logs the differences.
func (r *Registry) Reload(found []Plugin) {
	next := make(map[string]Plugin, len(found))
	for _, p := range found {
		next[p.Name] = p
	}
	r.mu.Lock()
	old := r.plugins.Swap(&next)
	r.mu.Unlock()
	if old == nil {
		return
	}
	for name, p := range *old {
		if q, ok := next[name]; !ok {
			log.Printf("plugin %s removed", name)
		} else if q.Version != p.Version {
			log.Printf("plugin %s: %s -> %s", name, p.Version, q.Version)
		}
	}
}
