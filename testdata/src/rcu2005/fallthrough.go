package rcu2005

import (
	"log"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// An early unlock on a path that forgets to return: the Replace after it
// runs without the update lock on that path.
type quotas struct{ version uint64 }

type quotaTable struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[quotas]
}

func (t *quotaTable) apply(q *quotas) {
	t.mu.Lock()
	if cur := t.cur.Protected(&t.mu); cur != nil && cur.version >= q.version {
		t.mu.Unlock()
		log.Printf("stale version %d", q.version)
	}
	t.cur.Replace(q, &t.mu) // want `RCU2005: Replace names t\.mu, which is released on some paths that reach here \(at fallthrough\.go:\d+\)`
	t.mu.Unlock()
}

func (t *quotaTable) okApplyReturns(q *quotas) {
	t.mu.Lock()
	if cur := t.cur.Protected(&t.mu); cur != nil && cur.version >= q.version {
		t.mu.Unlock()
		return
	}
	t.cur.Replace(q, &t.mu)
	t.mu.Unlock()
}

func (t *quotaTable) okApplyFatal(q *quotas) {
	t.mu.Lock()
	if cur := t.cur.Protected(&t.mu); cur != nil && cur.version >= q.version {
		t.mu.Unlock()
		log.Fatalf("stale version %d", q.version)
	}
	t.cur.Replace(q, &t.mu)
	t.mu.Unlock()
}

// okRelock lets go of the lock for a slow step and takes it again.
func (t *quotaTable) okRelock(q *quotas, slow bool) {
	t.mu.Lock()
	if slow {
		t.mu.Unlock()
		log.Printf("slow path")
		t.mu.Lock()
	}
	t.cur.Replace(q, &t.mu)
	t.mu.Unlock()
}
