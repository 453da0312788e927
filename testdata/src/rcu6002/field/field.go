// Package field keeps its SRCU domain in a struct field; its Exit, a
// function literal, asks for an expedited grace period of the domain where
// it must wait for the domain's callbacks.
package field

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

var c = new(cache)

var Module = &rcuapi.Module{
	Name: "cache",
	Exit: func() {
		c.dom.SynchronizeExpedited() // want `^RCU6002: the Exit function literal, a module's Exit, waits for a grace period of the SRCU domain in field cache\.dom, but this package queues callbacks there \(at field\.go:\d+\) and a grace period does not wait for callbacks: call c\.dom\.Barrier\(\) instead$`
	},
}
