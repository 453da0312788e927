// Case: quota service increments a per-user quota in an rcuapi.Map with load-compute-store under its own mutex, copying the loaded value inside a short section and storing a fresh value after it
// Source: idiom: rcuapi.Map documentation ("an update that depends on what the updater read needs a lock of the caller's own around the pair"); copy, update the copy, publish
// Kind: idiom

package mapcompute

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type quota struct {
	used  int64
	limit int64
	reset time.Time
}

type Quotas struct {
	mu sync.Mutex // serialises Charge
	m  rcuapi.Map[string, *quota]
}

func (q *Quotas) Charge(user string, n int64, now time.Time) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	s := rcuapi.ReadLock()
	cur, ok := q.m.Load(s, user)
	var next quota
	if ok {
		next = *cur
	}
	rcuapi.ReadUnlock(s)
	if !ok || now.After(next.reset) {
		next = quota{limit: 1000, reset: now.Add(time.Hour)}
	}
	if next.used+n > next.limit {
		return false
	}
	next.used += n
	q.m.Store(user, &next)
	return true
}

func (q *Quotas) Remaining(user string) int64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	cur, ok := q.m.Load(s, user)
	if !ok {
		return 1000
	}
	return cur.limit - cur.used
}
