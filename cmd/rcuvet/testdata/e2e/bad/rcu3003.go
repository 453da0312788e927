package bad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type counter struct {
	mu   sync.Mutex
	hits int
	cur  rcuapi.Pointer[int]
}

var counters rcuapi.SRCU

// Get takes c.mu inside its section (SRCU readers may block).
func (c *counter) Get() int {
	s := counters.ReadLock()
	defer counters.ReadUnlock(s)
	c.mu.Lock()
	c.hits++
	c.mu.Unlock()
	return *c.cur.Dereference(s)
}

// Set waits for the readers while holding the lock they take.
func (c *counter) Set(v *int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur.Assign(v)
	counters.Synchronize() // want RCU3003
}
