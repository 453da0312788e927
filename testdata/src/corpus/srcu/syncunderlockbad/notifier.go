// Case: SRCU notifier chain: handlers record delivery stats under the chain mutex inside the section; Unregister waits for the grace period while still holding that mutex
// Source: Linux kernel/notifier.c srcu_notifier_chain_unregister() (drops nh->mutex before synchronize_srcu(), since SRCU readers may take it); Documentation/RCU/checklist.rst item 11
// Kind: bad
// Pair: syncunderlockfixed

package syncunderlockbad

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
// still be calling it. A Notify inside its section waiting for c.mu never
// leaves it, and the grace period waits for that Notify.
func (c *Chain) Unregister(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for e := range c.handlers.AllProtected(&c.mu) {
		if e.Value.name == name {
			c.handlers.Remove(e)
			delete(c.delivered, name)
			c.srcu.Synchronize() // expect RCU3003
			return true
		}
	}
	return false
}
