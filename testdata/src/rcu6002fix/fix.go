// Package rcu6002fix holds the fixtures of RCU6002's suggested fix: the
// Synchronize call of an Exit becomes the Barrier of the same domain. The
// package queues callbacks on classic RCU, on an SRCU domain in a package
// variable and on one in a struct field; each Exit waits with Barrier for
// all of them but one.
package rcu6002fix

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type page struct{ f *os.File }

func (p *page) close() { p.f.Close() }

type cache struct {
	mu  sync.Mutex
	dom rcuapi.SRCU
	cur rcuapi.Pointer[page]
}

var (
	pages rcuapi.SRCU
	c     cache
)

func (c *cache) put(next *page) {
	c.mu.Lock()
	old := c.cur.Replace(next, &c.mu)
	c.mu.Unlock()
	if old != nil {
		rcuapi.Call(old.close)
		pages.Call(old.close)
		c.dom.Call(old.close)
	}
}

func exitClassic() {
	rcuapi.Synchronize() // want `RCU6002: exitClassic, a module's Exit, waits for a grace period of classic RCU`
	pages.Barrier()
	c.dom.Barrier()
}

func (c *cache) exitPages() {
	rcuapi.Barrier()
	pages.Synchronize() // want `RCU6002: exitPages, a module's Exit, waits for a grace period of SRCU domain pages`
	c.dom.Barrier()
}

var (
	Classic = &rcuapi.Module{Name: "classic", Exit: exitClassic}
	Pages   = &rcuapi.Module{Name: "pages", Exit: c.exitPages}
	Field   = &rcuapi.Module{
		Name: "field",
		Exit: func() {
			rcuapi.Barrier()
			pages.Barrier()
			c.dom.SynchronizeExpedited() // want `RCU6002: the Exit function literal, a module's Exit, waits for a grace period of the SRCU domain in field cache\.dom`
		},
	}
)
