// Case: request router's helper takes its own classic section while its caller already holds one; both sections nest and end in order
// Source: idiom: rcu_read_lock() nests (Documentation/RCU/whatisRCU.rst); helpers that lock for themselves are called from code that is already a reader
// Kind: idiom

package nestedsections

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type tenant struct {
	id      string
	plan    string
	regions []string
}

type plans struct {
	rateLimit map[string]int
}

type Router struct {
	mu      sync.Mutex
	tenants rcuapi.Map[string, *tenant]
	plans   rcuapi.Pointer[plans]
}

func New() *Router {
	r := &Router{}
	r.plans.Init(&plans{rateLimit: map[string]int{}})
	return r
}

// RateLimit returns the rate limit of a plan. It is a reader on its own.
func (r *Router) RateLimit(plan string) int {
	s := rcuapi.ReadLock()
	n := r.plans.Dereference(s).rateLimit[plan]
	rcuapi.ReadUnlock(s)
	return n
}

// Route returns the region to serve a tenant from and its rate limit.
func (r *Router) Route(tenantID string, near string) (region string, limit int, ok bool) {
	s := rcuapi.ReadLock()
	t, found := r.tenants.Load(s, tenantID)
	if !found {
		rcuapi.ReadUnlock(s)
		return "", 0, false
	}
	limit = r.RateLimit(t.plan) // nested section
	region = t.regions[0]
	for _, rg := range t.regions {
		if rg == near {
			region = rg
			break
		}
	}
	rcuapi.ReadUnlock(s)
	return region, limit, true
}

// SetTenant stores a tenant (with at least one region); tenants are only
// memory.
func (r *Router) SetTenant(t *tenant) { r.tenants.Store(t.id, t) }
