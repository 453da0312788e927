// Case: a lookup retry loop re-takes the classic section at the top of each attempt without ending the previous one
// Source: issue 13 item 9 (a section variable overwritten while open); faultlinux.inria.fr "Lock" fault pattern (an RCU read lock taken and not released on a path) (https://faultlinux.inria.fr/patterns/derefrcu/index.html)
// Kind: bad
// Pair: quotaretryoverwritefix

package quotaretryoverwrite

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Quotas is the per-tenant limit table, replaced by a loader.
type Quotas struct {
	limits map[string]int64
}

var (
	mu     sync.Mutex
	quotas rcuapi.Pointer[Quotas]
	kick   = make(chan struct{}, 1) // asks the loader to fetch missing tenants
)

// Limit returns the limit of tenant, asking the loader (without waiting) to
// fetch a tenant it does not know yet.
func Limit(tenant string) (int64, bool) {
	s := rcuapi.ReadLock()
	for attempt := 0; attempt < 3; attempt++ {
		if n, ok := quotas.Dereference(s).limits[tenant]; ok {
			rcuapi.ReadUnlock(s)
			return n, true
		}
		select {
		case kick <- struct{}{}:
		default:
		}
		s = rcuapi.ReadLock() // expect RCU1003
	}
	rcuapi.ReadUnlock(s)
	return 0, false
}

// Publish installs a new table.
func Publish(q *Quotas) {
	mu.Lock()
	quotas.Assign(q)
	mu.Unlock()
}
