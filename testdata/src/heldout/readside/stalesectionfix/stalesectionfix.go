// Case: quota lookup reads the limit and the default in the same section
// Source: rcu_dereference() after rcu_read_unlock() on a fallback path, reported by lockdep as "suspicious rcu_dereference_check() usage" (Documentation/RCU/checklist.rst item 2; lockdep.rst)
// Kind: fixed
// Pair: stalesection

package stalesectionfix

import (
	"maps"
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
	defer rcuapi.ReadUnlock(s)
	t := q.cur.Dereference(s)
	if lim, ok := t.limits[tenant]; ok {
		return lim
	}
	return t.fallback
}

// Set installs a new limit for tenant by copying the table.
func (q *Quotas) Set(tenant string, lim int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	old := q.cur.Protected(&q.mu)
	next := &quotaTable{limits: maps.Clone(old.limits), fallback: old.fallback, burst: old.burst}
	next.limits[tenant] = lim
	q.cur.Assign(next)
}

func New(fallback int64) *Quotas {
	q := &Quotas{}
	q.cur.Init(&quotaTable{limits: map[string]int64{}, fallback: fallback})
	return q
}
