// Case: SRCU notifier chain: handlers record delivery stats under the chain mutex inside the section; Unregister drops the mutex before it waits for the grace period
// Source: Linux kernel/notifier.c srcu_notifier_chain_unregister() (drops nh->mutex before synchronize_srcu(), since SRCU readers may take it); Documentation/RCU/checklist.rst item 11
// Kind: fixed
// Pair: syncunderlockbad

package syncunderlockfixed

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type handler struct {
	name string
	fn   func(event string) // may block
}

// Chain delivers events to its handlers.
type Chain struct {
	srcu      rcuapi.SRCU
	mu        sync.Mutex // serialises updates and guards delivered
	handlers  rcuapi.List[*handler]
	delivered map[string]int
}

// NewChain returns an empty chain.
func NewChain() *Chain { return &Chain{delivered: map[string]int{}} }

// Notify calls every handler with ev.
func (c *Chain) Notify(ev string) {
	s := c.srcu.ReadLock()
	defer c.srcu.ReadUnlock(s)
	for e := range c.handlers.All(s) {
		h := e.Value
		h.fn(ev)
		c.mu.Lock()
		c.delivered[h.name]++
		c.mu.Unlock()
	}
}

// Register appends a handler.
func (c *Chain) Register(name string, fn func(string)) {
	c.mu.Lock()
	c.handlers.PushBack(&handler{name: name, fn: fn})
	c.mu.Unlock()
}

// Unregister removes the named handler and returns once no Notify can
// still be calling it. The mutex is released before the wait: readers
// take it inside their sections.
func (c *Chain) Unregister(name string) bool {
	found := false
	c.mu.Lock()
	for e := range c.handlers.AllProtected(&c.mu) {
		if e.Value.name == name {
			c.handlers.Remove(e)
			delete(c.delivered, name)
			found = true
			break
		}
	}
	c.mu.Unlock()
	if found {
		c.srcu.Synchronize()
	}
	return found
}
