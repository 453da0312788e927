// Case: feature-flag lookup with a deferred ReadUnlock returns the *Flag it found in the published set
// Source: Documentation/RCU/checklist.rst item 2; whatisRCU.rst section 2 (the pointer returned from rcu_dereference() is not valid after rcu_read_unlock(), and a deferred unlock runs before the caller sees the result)
// Kind: bad
// Pair: flaglookupfix

package flaglookup

import (
	"hash/fnv"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Flag is one feature flag as configured.
type Flag struct {
	Name     string
	Enabled  bool
	Rollout  uint8 // percent of users
	Variants []string
}

type flagSet struct {
	version uint64
	byName  map[string]*Flag
}

// Service serves flags from a set that an admin API replaces wholesale.
type Service struct {
	mu  sync.Mutex // serialises Publish
	cur rcuapi.Pointer[flagSet]
}

// Lookup returns the definition of the named flag.
func (sv *Service) Lookup(name string) (*Flag, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	fs := sv.cur.Dereference(s)
	if fs == nil {
		return nil, false
	}
	f, ok := fs.byName[name]
	return f, ok // expect RCU1002
}

// EnabledFor reports whether the flag is on for a user.
func (sv *Service) EnabledFor(name, user string) bool {
	f, ok := sv.Lookup(name)
	if !ok || !f.Enabled {
		return false
	}
	h := fnv.New32a()
	h.Write([]byte(name + "/" + user))
	return h.Sum32()%100 < uint32(f.Rollout)
}

// Publish installs a new flag set. The old set's maps are recycled by the
// next build once no reader can be inside them.
func (sv *Service) Publish(next *flagSet) (recycled *flagSet) {
	sv.mu.Lock()
	old := sv.cur.Replace(next, &sv.mu)
	sv.mu.Unlock()
	if old == nil {
		return nil
	}
	rcuapi.Synchronize()
	for _, f := range old.byName {
		clear(f.Variants)
	}
	clear(old.byName)
	return old
}
