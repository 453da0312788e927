// Case: packet arena retires replaced classifier tables with polled grace periods: the cookie is taken after the unpublish, a periodic reclaimer frees the tables whose grace period has completed, and a long queue falls back to waiting
// Source: idiom: start_poll_synchronize_rcu()/poll_state_synchronize_rcu() with a bounded deferred-free list and cond_synchronize_rcu() as the fallback (Documentation/RCU/whatisRCU.rst, polled grace-period API)
// Kind: idiom

package pollreclaim

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const maxDeferred = 64

type classifier struct {
	rules []uint64
}

type deferred struct {
	t      *classifier
	cookie rcuapi.GPState
}

type Arena struct {
	mu    sync.Mutex // serialises updates; guards queue and free
	cur   rcuapi.Pointer[classifier]
	queue []deferred
	free  []*classifier // reusable tables
}

// Match reports whether any rule equals key.
func (a *Arena) Match(key uint64) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t := a.cur.Dereference(s)
	if t == nil {
		return false
	}
	for _, r := range t.rules {
		if r == key {
			return true
		}
	}
	return false
}

// Install publishes rules in a recycled table if one is free.
func (a *Arena) Install(rules []uint64) {
	a.mu.Lock()
	var t *classifier
	if n := len(a.free); n > 0 {
		t, a.free = a.free[n-1], a.free[:n-1]
		t.rules = append(t.rules[:0], rules...)
	} else {
		t = &classifier{rules: append([]uint64(nil), rules...)}
	}
	old := a.cur.Replace(t, &a.mu)
	var oldest rcuapi.GPState
	tooMany := false
	if old != nil {
		a.queue = append(a.queue, deferred{t: old, cookie: rcuapi.StartPoll()})
		if len(a.queue) > maxDeferred {
			oldest, tooMany = a.queue[0].cookie, true
		}
	}
	a.mu.Unlock()
	if tooMany {
		rcuapi.CondSynchronize(oldest)
		a.Reclaim()
	}
}

// Reclaim moves every table whose grace period has completed to the free
// list. Cookies were taken in order, so it stops at the first pending one.
func (a *Arena) Reclaim() {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := 0
	for ; i < len(a.queue) && rcuapi.PollState(a.queue[i].cookie); i++ {
		a.free = append(a.free, a.queue[i].t)
	}
	a.queue = append(a.queue[:0], a.queue[i:]...)
}
