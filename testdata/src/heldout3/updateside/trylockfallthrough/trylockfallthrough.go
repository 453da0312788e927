// Case: plugin registry reload counts lock contention with TryLock but falls through to Replace without the lock when TryLock fails
// Source: Documentation/RCU/checklist.rst items 1 and 9 (rcu_dereference_protected()/rcu_replace_pointer() only with the update lock held); TryLock misuse in Go services
// Kind: bad
// Pair: updateside/trylockfallthroughfix

package trylockfallthrough

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Plugin struct {
	Name    string
	Version string
}

type pluginSet struct {
	byName map[string]Plugin
}

type Registry struct {
	mu        sync.Mutex
	contended atomic.Int64
	set       rcuapi.Pointer[pluginSet]
}

func (r *Registry) Reload(defs []Plugin) {
	next := &pluginSet{byName: make(map[string]Plugin, len(defs))}
	for _, d := range defs {
		next.byName[d.Name] = d
	}
	if !r.mu.TryLock() {
		r.contended.Add(1)
	}
	defer r.mu.Unlock()
	r.set.Replace(next, &r.mu) // expect RCU2005
}

func (r *Registry) Version(name string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	set := r.set.Dereference(s)
	if set == nil {
		return ""
	}
	return set.byName[name].Version
}
