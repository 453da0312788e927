// Case: quota lookup falls back to the default limit with a section it already ended
// Source: rcu_dereference() after rcu_read_unlock() on a fallback path, reported by lockdep as "suspicious rcu_dereference_check() usage" (Documentation/RCU/checklist.rst item 2; lockdep.rst)
// Kind: bad
// Pair: stalesectionfix

package stalesection

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type quotaTable struct {
	limits   map[string]int64
	fallback int64
	burst    int64
}

type Quotas struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[quotaTable]
}

// Limit returns the byte limit of tenant, or the table's default.
func (q *Quotas) Limit(tenant string) int64 {
	s := rcuapi.ReadLock()
	lim, ok := q.cur.Dereference(s).limits[tenant]
	rcuapi.ReadUnlock(s)
	if ok {
		return lim
	}
	t := q.cur.Dereference(s) // expect RCU1001
	return t.fallback
}

// Set installs a new limit for tenant by copying the table.
func (q *Quotas) Set(tenant string, lim int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	old := q.cur.Protected(&q.mu)
	next := &quotaTable{limits: make(map[string]int64, len(old.limits)+1), fallback: old.fallback, burst: old.burst}
	for k, v := range old.limits {
		next.limits[k] = v
	}
	next.limits[tenant] = lim
	q.cur.Assign(next)
}

func New(fallback int64) *Quotas {
	q := &Quotas{}
	q.cur.Init(&quotaTable{limits: map[string]int64{}, fallback: fallback})
	return q
}
