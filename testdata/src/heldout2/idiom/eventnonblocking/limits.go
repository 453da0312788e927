// Case: admission controller reports rejections to a metrics goroutine with a non-blocking send of a value event from inside its classic section
// Source: idiom: select with a default case never waits, so it may run inside rcu_read_lock() like any other non-sleeping code (checklist.rst item 2 forbids only blocking)
// Kind: idiom

package eventnonblocking

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Rejection struct {
	Tenant string
	Limit  int
	Wanted int
}

type limits struct {
	perTenant map[string]int
	fallback  int
}

type Controller struct {
	mu      sync.Mutex
	cur     rcuapi.Pointer[limits]
	events  chan Rejection // drained by the metrics goroutine
	dropped atomic.Uint64
}

func New() *Controller {
	c := &Controller{events: make(chan Rejection, 1024)}
	c.cur.Init(&limits{perTenant: map[string]int{}, fallback: 100})
	return c
}

// Admit reports whether a tenant may open wanted more connections.
func (c *Controller) Admit(tenant string, wanted int) bool {
	s := rcuapi.ReadLock()
	l := c.cur.Dereference(s)
	limit, ok := l.perTenant[tenant]
	if !ok {
		limit = l.fallback
	}
	admit := wanted <= limit
	if !admit {
		select {
		case c.events <- Rejection{Tenant: tenant, Limit: limit, Wanted: wanted}:
		default:
			c.dropped.Add(1)
		}
	}
	rcuapi.ReadUnlock(s)
	return admit
}

// Set publishes new limits; limits are only memory.
func (c *Controller) Set(l *limits) {
	c.mu.Lock()
	c.cur.Replace(l, &c.mu)
	c.mu.Unlock()
}
