// Case: tenant-quota module's Exit drains its RCU callbacks before it unsubscribes the event hook that queues them
// Source: Documentation/RCU/rcubarrier.rst (first prevent new call_rcu() invocations, then call rcu_barrier()) and checklist.rst item 18
// Kind: bad
// Pair: tenantquotafix

package tenantquota

import (
	"sync"
	"sync/atomic"

	"fixtures/heldout2/modexit/tenantquota/bus"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type quota struct {
	limit   int64
	used    atomic.Int64
	buckets *[]int64 // per-minute usage history, from histPool
}

var histPool = sync.Pool{New: func() any { h := make([]int64, 60); return &h }}

func (q *quota) release() {
	clear(*q.buckets)
	histPool.Put(q.buckets)
}

var (
	quotas rcuapi.Map[string, *quota]
	hookID int
)

var Module = &rcuapi.Module{Name: "tenantquota", Init: start, Exit: exit}

func start() error {
	hookID = bus.Default.Subscribe(onEvent)
	return nil
}

// onEvent runs on the bus's goroutines.
func onEvent(ev bus.Event) {
	if ev.Kind != "tenant-deleted" {
		return
	}
	if old, ok := quotas.Delete(ev.Tenant); ok {
		rcuapi.Call(old.release)
	}
}

// SetLimit creates or replaces a tenant's quota.
func SetLimit(tenant string, limit int64) {
	q := &quota{limit: limit, buckets: histPool.Get().(*[]int64)}
	if old, ok := quotas.Swap(tenant, q); ok {
		rcuapi.Call(old.release)
	}
}

// Charge records usage and reports whether the tenant is still within its
// quota.
func Charge(tenant string, n int64) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	q, ok := quotas.Load(s, tenant)
	if !ok {
		return false
	}
	return q.used.Add(n) <= q.limit
}

func exit() {
	rcuapi.Barrier() // expect RCU6003
	bus.Default.Unsubscribe(hookID)
}
