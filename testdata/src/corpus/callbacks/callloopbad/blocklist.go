// Case: blocklist updater goroutine applies deletions from a feed and posts one Call per deletion with nothing bounding the callback backlog
// Source: Documentation/RCU/checklist.rst item 8 (an updater that invokes call_rcu() in a loop can queue callbacks faster than grace periods retire them: OOM); Eric Dumazet, "[PATCH, RFC] RCU : OOM avoidance and lower latency" (route-cache flushes flooding call_rcu_bh() until OOM), http://www.uwsg.indiana.edu/hypermail/linux/kernel/0601.0/2112.html
// Kind: bad
// Pair: callloopfixed

package callloopbad

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type rule struct {
	prefix netip.Prefix
	reason string
	hits   []uint32 // per-CPU counters, recycled
}

var (
	mu       sync.Mutex
	rules    rcuapi.Map[netip.Prefix, *rule]
	counters = sync.Pool{New: func() any { return make([]uint32, 64) }}
)

// Blocked returns the reason addr's prefix is blocked, if it is.
func Blocked(p netip.Prefix) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	r, ok := rules.Load(s, p)
	if !ok {
		return "", false
	}
	return r.reason, true
}

// Update is one change from the feed.
type Update struct {
	Prefix netip.Prefix
	Reason string // empty: delete
}

// Follow applies the feed until it is closed or stop is.
func Follow(feed <-chan Update, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case u, ok := <-feed:
			if !ok {
				return
			}
			mu.Lock()
			var old *rule
			var had bool
			if u.Reason == "" {
				old, had = rules.Delete(u.Prefix)
			} else {
				old, had = rules.Swap(u.Prefix, &rule{prefix: u.Prefix, reason: u.Reason, hits: counters.Get().([]uint32)})
			}
			mu.Unlock()
			if had {
				rcuapi.Call(func() { counters.Put(clearHits(old.hits)) }) // expect RCU4002
			}
		}
	}
}

func clearHits(h []uint32) []uint32 {
	clear(h)
	return h
}
