// Case: each retry ends its section before the next attempt takes a new one
// Source: issue 13 item 9; fix: one section per attempt
// Kind: fixed
// Pair: quotaretryoverwrite

package quotaretryoverwritefix

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

func lookup(tenant string) (int64, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	n, ok := quotas.Dereference(s).limits[tenant]
	return n, ok
}

// Limit returns the limit of tenant, asking the loader (without waiting) to
// fetch a tenant it does not know yet.
func Limit(tenant string) (int64, bool) {
	for attempt := 0; attempt < 3; attempt++ {
		if n, ok := lookup(tenant); ok {
			return n, true
		}
		select {
		case kick <- struct{}{}:
		default:
		}
	}
	return 0, false
}

// Publish installs a new table.
func Publish(q *Quotas) {
	mu.Lock()
	quotas.Assign(q)
	mu.Unlock()
}
