// Case: config watcher remembers which version it last applied by pointer identity and keys per-version state by it
// Source: idiom: rcu_access_pointer()/pointer comparison to detect that a published object changed, without reading through it (Documentation/RCU/rcu_dereference.rst on comparing pointers)
// Kind: idiom

package identity

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Rules struct {
	Version string
	Allow   []string
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Rules]
)

type Applier struct {
	last    *Rules         // compared only
	applied map[*Rules]int // how many times each version was applied; keys compared only
}

// Changed reports whether a new version was published since the last call.
func (a *Applier) Changed() bool {
	cur := current.Access()
	if cur == a.last {
		return false
	}
	a.last = cur
	return true
}

// Apply copies the allow list if the version changed, and counts it.
func (a *Applier) Apply(dst []string) ([]string, bool) {
	s := rcuapi.ReadLock()
	r := current.Dereference(s)
	if r == a.last {
		rcuapi.ReadUnlock(s)
		return dst, false
	}
	dst = append(dst[:0], r.Allow...)
	rcuapi.ReadUnlock(s)

	if a.applied == nil {
		a.applied = map[*Rules]int{}
	}
	a.applied[r]++
	a.last = r
	return dst, true
}

// Publish installs a new version.
func Publish(r *Rules) {
	mu.Lock()
	current.Assign(r)
	mu.Unlock()
}
