// Case: lock-free event-type registry appends to an immutable snapshot with a CompareAndSwap retry loop; replaced snapshots hold only memory, so nothing waits for a grace period
// Source: idiom: atomic updaters instead of a lock (Documentation/RCU/checklist.rst item 1b); in Go the garbage collector reclaims memory that no reader can reach
// Kind: idiom

package casappend

import (
	"slices"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type EventType struct {
	Name   string
	Schema string
}

type snapshot struct {
	types []EventType
	index map[string]int
}

type Registry struct {
	cur rcuapi.Pointer[snapshot]
}

func New() *Registry {
	r := &Registry{}
	r.cur.Init(&snapshot{index: map[string]int{}})
	return r
}

// Lookup returns the schema of an event type.
func (r *Registry) Lookup(name string) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	snap := r.cur.Dereference(s)
	i, ok := snap.index[name]
	if !ok {
		return "", false
	}
	return snap.types[i].Schema, true
}

// Register adds an event type unless one with the same name exists. It
// retries when another registration won the race.
func (r *Registry) Register(t EventType) bool {
	for {
		s := rcuapi.ReadLock()
		old := r.cur.Dereference(s)
		if _, dup := old.index[t.Name]; dup {
			rcuapi.ReadUnlock(s)
			return false
		}
		next := &snapshot{types: append(slices.Clip(old.types), t), index: make(map[string]int, len(old.index)+1)}
		for k, v := range old.index {
			next.index[k] = v
		}
		next.index[t.Name] = len(next.types) - 1
		rcuapi.ReadUnlock(s)
		if r.cur.CompareAndSwap(old, next) {
			return true
		}
	}
}
