// Case: upstream set is updated under its mutex by the admin API, but the health-check goroutine evicts upstreams claiming rcuapi.SingleUpdater
// Source: Documentation/RCU/checklist.rst item 1 (updaters need common mutual exclusion; a single-updater claim must be true); rcuapi.SingleUpdater documentation
// Kind: bad
// Pair: updateside/singleupdaterclaimfix

package singleupdaterclaim

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
	old := u.set.Protected(rcuapi.SingleUpdater)
	if old == nil {
		return
	}
	next := &upstreamSet{addrs: slices.DeleteFunc(slices.Clone(old.addrs), func(a string) bool { return a == bad })}
	u.set.Replace(next, rcuapi.SingleUpdater) // expect RCU2003
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
