// Case: API gateway's rate limiter answers the default limit for an unknown tenant without touching the published map
// Source: TiDB issue #23748 (fields of the globally published config written in place) and opencensus-go PR #763 (Load, then write into the loaded config); Documentation/RCU/checklist.rst item 3
// Kind: fixed
// Pair: native/quotamapinsert

package quotamapinsertfix

import (
	"sync"
	"sync/atomic"
)

// Limits is one published generation of per-tenant request limits.
type Limits struct {
	Default   int
	perTenant map[string]int
}

type Limiter struct {
	mu     sync.Mutex // serialises Reload
	limits atomic.Pointer[Limits]
}

func NewLimiter(def int) *Limiter {
	l := &Limiter{}
	l.limits.Store(&Limits{Default: def, perTenant: map[string]int{}})
	return l
}

// Reload publishes a freshly parsed set of limits.
func (l *Limiter) Reload(def int, tenants map[string]int) {
	next := &Limits{Default: def, perTenant: make(map[string]int, len(tenants))}
	for t, n := range tenants {
		next.perTenant[t] = n
	}
	l.mu.Lock()
	l.limits.Store(next)
	l.mu.Unlock()
}

// LimitFor is called on every request.
func (l *Limiter) LimitFor(tenant string) int {
	lim := l.limits.Load()
	if n, ok := lim.perTenant[tenant]; ok {
		return n
	}
	// Unknown tenants get the default; the next Reload decides whether to list them.
	return lim.Default
}

// Tenants lists the tenants known to the current generation.
func (l *Limiter) Tenants() []string {
	lim := l.limits.Load()
	out := make([]string, 0, len(lim.perTenant))
	for t := range lim.perTenant {
		out = append(out, t)
	}
	return out
}
