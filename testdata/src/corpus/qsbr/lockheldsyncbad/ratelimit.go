// Case: QSBR rate-limit worker takes the counters mutex while still online; Reload holds that mutex across the domain's Synchronize
// Source: folly "fix deadlock in RCU retire when rcu_reader active" (synchronize() blocks holding syncMutex_ while a reader waits for it), https://github.com/facebook/folly/pull/2010; Documentation/RCU/checklist.rst item 11
// Kind: bad
// Pair: lockheldsyncfixed

package lockheldsyncbad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type limits struct {
	perTenant map[string]int
}

// Req asks whether a tenant may make one more call.
type Req struct {
	Tenant string
	Reply  chan<- bool // buffered by the caller
}

var (
	q      = rcuapi.NewQSBR("limits")
	mu     sync.Mutex // serialises Reload and guards counts
	table  rcuapi.Pointer[limits]
	counts = map[string]int{}
)

// Worker answers requests until in is closed.
func Worker(in <-chan Req) {
	r := q.Register()
	defer r.Unregister()
	r.Offline()
	for req := range in {
		r.Online()
		s := r.ReadLock()
		limit := 0
		if t := table.Dereference(s); t != nil {
			limit = t.perTenant[req.Tenant]
		}
		r.ReadUnlock(s)
		mu.Lock()
		counts[req.Tenant]++
		allowed := counts[req.Tenant] <= limit
		mu.Unlock()
		r.Offline()
		req.Reply <- allowed
	}
}

// Reload installs new limits and restarts the counts once no worker can
// still be applying the old limits. The counts stay locked meanwhile so
// that nothing is counted against the wrong limits.
func Reload(perTenant map[string]int) {
	mu.Lock()
	defer mu.Unlock()
	table.Replace(&limits{perTenant: perTenant}, &mu)
	q.Synchronize() // expect RCU3003
	clear(counts)
}
