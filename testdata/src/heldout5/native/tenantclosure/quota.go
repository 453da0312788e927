// Case: tenantclosure
// Source: TiDB issue #23748 (fields of the globally published config written in place); Documentation/RCU/checklist.rst item 3
// Kind: bad
// Pair: native/tenantclosurefix
package tenantclosure

import (
	"sync"
	"sync/atomic"
)

type Tenant struct {
	Name      string
	PerSecond int
	Burst     int
}

type Quotas struct {
	byName map[string]*Tenant
}

// each calls fn for every tenant of the snapshot.
func (q *Quotas) each(fn func(*Tenant)) {
	for _, t := range q.byName {
		fn(t)
	}
}

type Limiter struct {
	mu     sync.Mutex
	quotas atomic.Pointer[Quotas]
}

func (l *Limiter) Allowed(tenant string) int {
	if t, ok := l.quotas.Load().byName[tenant]; ok {
		return t.PerSecond
	}
	return 0
}

// Throttle halves every tenant's limit while the backend is overloaded.
func (l *Limiter) Throttle() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.quotas.Load().each(func(t *Tenant) {
		t.PerSecond /= 2 // expect RCU7002
	})
}
