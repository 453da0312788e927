// Package srcufield keeps its SRCU domain in a struct field. Its Exit, a
// method value, does not wait for the callbacks queued there.
package srcufield

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type blob struct{ f *os.File }

func (b *blob) release() { b.f.Close() }

type cache struct {
	mu  sync.Mutex
	dom rcuapi.SRCU
	cur rcuapi.Pointer[blob]
}

func (c *cache) put(next *blob) {
	c.mu.Lock()
	old := c.cur.Replace(next, &c.mu)
	c.mu.Unlock()
	if old != nil {
		c.dom.Call(old.release)
	}
}

func (c *cache) exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on the SRCU domain in field cache\.dom \(at srcufield\.go:\d+\): they could run after the module is gone; stop queueing them, then call Barrier\(\) on field cache\.dom before Exit returns$`
	c.mu.Lock()
	c.cur.Replace(nil, &c.mu)
	c.mu.Unlock()
}

var c = new(cache)

var Module = &rcuapi.Module{Name: "cache", Exit: c.exit}
