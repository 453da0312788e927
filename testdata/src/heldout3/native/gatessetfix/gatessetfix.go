// Case: feature-gate registry's Set holds a writer mutex around the load, clone and store
// Source: kubernetes PR #125052 review (feature-gate Set did Load-copy-Store without a lock: "two parallel .Set calls will result in one winner and one loser"); Documentation/RCU/checklist.rst item 1
// Kind: fixed
// Pair: native/gatesset

package gatessetfix

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
)

// Gates is one immutable version of the feature-gate settings.
type Gates struct {
	enabled map[string]bool
	version int
}

// Registry is read on every request and written by the admin API and by the
// goroutine that watches the config file.
type Registry struct {
	known   map[string]bool
	mu      sync.Mutex // serialises Set
	current atomic.Pointer[Gates]
}

func NewRegistry(known ...string) *Registry {
	r := &Registry{known: make(map[string]bool, len(known))}
	for _, k := range known {
		r.known[k] = true
	}
	r.current.Store(&Gates{enabled: map[string]bool{}})
	return r
}

func (r *Registry) Enabled(name string) bool {
	return r.current.Load().enabled[name]
}

func (r *Registry) Version() int {
	return r.current.Load().version
}

// Set applies a batch of gate changes.
func (r *Registry) Set(changes map[string]bool) error {
	for k := range changes {
		if !r.known[k] {
			return fmt.Errorf("unknown feature gate %q", k)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.current.Load()
	next := &Gates{enabled: maps.Clone(old.enabled), version: old.version + 1}
	for k, v := range changes {
		next.enabled[k] = v
	}
	r.current.Store(next)
	return nil
}
