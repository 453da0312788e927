// Case: plugin registry reload counts contention with TryLock and then waits for the lock with Lock
// Source: Documentation/RCU/checklist.rst items 1 and 9 (rcu_dereference_protected()/rcu_replace_pointer() only with the update lock held); TryLock misuse in Go services
// Kind: fixed
// Pair: updateside/trylockfallthrough

package trylockfallthroughfix

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
		r.mu.Lock()
	}
	defer r.mu.Unlock()
	r.set.Replace(next, &r.mu)
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
