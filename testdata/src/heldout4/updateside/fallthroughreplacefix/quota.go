// Case: quota table update returns after it unlocks on a stale version
// Source: Documentation/RCU/checklist.rst items 1 and 9 (rcu_replace_pointer()/rcu_dereference_protected() only with the update lock held); kernel fixes for a missing return after an unlock on an error path
// Kind: fixed
// Pair: updateside/fallthroughreplace

package fallthroughreplacefix

import (
	"log"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Quotas struct {
	Version uint64
	Limits  map[string]int64
}

type Table struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[Quotas]
}

// Apply publishes q unless a newer version is already current.
func (t *Table) Apply(q *Quotas) {
	t.mu.Lock()
	cur := t.cur.Protected(&t.mu)
	if cur != nil && cur.Version >= q.Version {
		t.mu.Unlock()
		log.Printf("quota: ignoring stale version %d (have %d)", q.Version, cur.Version)
		return
	}
	old := t.cur.Replace(q, &t.mu)
	t.mu.Unlock()
	if old != nil {
		rcuapi.Synchronize()
	}
}

func (t *Table) Limit(user string) int64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if q := t.cur.Dereference(s); q != nil {
		return q.Limits[user]
	}
	return 0
}
