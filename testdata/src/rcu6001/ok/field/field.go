// Package field keeps its SRCU domain in a struct field; its Exit, a
// method value, waits for the domain's callbacks before it releases.
package field

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type blob struct{ f *os.File }

func (b *blob) release() { b.f.Close() }

type cache struct {
	mu     sync.Mutex
	closed bool
	dom    rcuapi.SRCU
	cur    rcuapi.Pointer[blob]
}

func (c *cache) put(next *blob) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	if old := c.cur.Replace(next, &c.mu); old != nil {
		c.dom.Call(old.release)
	}
}

func (c *cache) exit() {
	c.mu.Lock()
	c.closed = true
	last := c.cur.Replace(nil, &c.mu)
	c.mu.Unlock()
	c.dom.Synchronize() // readers of last are gone
	c.dom.Barrier()     // and so are the callbacks
	if last != nil {
		last.release()
	}
}

var c = new(cache)

var Module = &rcuapi.Module{Name: "cache", Exit: c.exit}
