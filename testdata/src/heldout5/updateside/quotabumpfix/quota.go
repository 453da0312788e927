// Case: quotabumpfix
// Source: Documentation/RCU/checklist.rst item 3 (update a copy, never the published object); opencensus-go PR #763
// Kind: fixed
// Pair: updateside/quotabump
package quotabumpfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Limits struct {
	PerMinute map[string]int
	Default   int
}

type RateLimiter struct {
	mu     sync.Mutex
	limits rcuapi.Pointer[Limits]
}

func (r *RateLimiter) Limit(tenant string) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	l := r.limits.Dereference(s)
	if n, ok := l.PerMinute[tenant]; ok {
		return n
	}
	return l.Default
}

// RaiseDefault is called by the autoscaler when capacity grows.
func (r *RateLimiter) RaiseDefault(by int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.limits.Protected(&r.mu)
	next := *l // PerMinute is shared, but only read, by the copy
	next.Default += by
	r.limits.Assign(&next)
}
