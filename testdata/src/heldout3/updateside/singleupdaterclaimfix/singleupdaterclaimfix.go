// Case: upstream set's health-check eviction takes the same mutex as the admin API
// Source: Documentation/RCU/checklist.rst item 1 (updaters need common mutual exclusion; a single-updater claim must be true); rcuapi.SingleUpdater documentation
// Kind: fixed
// Pair: updateside/singleupdaterclaim

package singleupdaterclaimfix

import (
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type upstreamSet struct {
	addrs []string
}

type Upstreams struct {
	mu  sync.Mutex
	set rcuapi.Pointer[upstreamSet]
}

// Add is called by the admin API.
func (u *Upstreams) Add(addr string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	old := u.set.Protected(&u.mu)
	next := &upstreamSet{}
	if old != nil {
		next.addrs = slices.Clone(old.addrs)
	}
	next.addrs = append(next.addrs, addr)
	u.set.Replace(next, &u.mu)
}

// evict runs on the health-check goroutine.
func (u *Upstreams) evict(bad string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	old := u.set.Protected(&u.mu)
	if old == nil {
		return
	}
	next := &upstreamSet{addrs: slices.DeleteFunc(slices.Clone(old.addrs), func(a string) bool { return a == bad })}
	u.set.Replace(next, &u.mu)
}

func (u *Upstreams) HealthLoop(failures <-chan string) {
	for addr := range failures {
		u.evict(addr)
	}
}

func (u *Upstreams) Pick(hash uint32) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	set := u.set.Dereference(s)
	if set == nil || len(set.addrs) == 0 {
		return ""
	}
	return set.addrs[int(hash)%len(set.addrs)]
}
