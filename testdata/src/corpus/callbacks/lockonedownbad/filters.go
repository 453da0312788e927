// Case: classifier frees a deleted filter from a Call callback; the free drops a chain reference, and the last one waits for the driver to release the hardware slots, one call down
// Source: Linux net/sched cls_flower fix whose changelog says "the blocking function fl_hw_destroy_tmplt() could be called when we put a filter chain, so defer it to a work queue" (shown in the history of https://gitlab.arm.com/linux-arm/linux-de/-/blob/ec3ed293e76656c1fb5388249e1e61c7d274abfc/net/sched/cls_flower.c)
// Kind: bad
// Pair: lockonedownfixed

package lockonedownbad

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type chain struct {
	mu      sync.Mutex
	refs    int      // guarded by mu
	hwSlots []uint16 // guarded by mu; released with the last reference
	filters rcuapi.List[*filter]
}

type filter struct {
	prio  int
	match string
	chain *chain
}

var live atomic.Int64

// hwRelease is the driver's queue: it takes the slots to free when it is
// ready, so a send may wait for the hardware (fl_hw_destroy_tmplt).
var hwRelease = make(chan []uint16)

// put drops a reference to c and frees its hardware slots with the last.
func (c *chain) put() {
	c.mu.Lock()
	c.refs--
	if c.refs == 0 {
		hwRelease <- c.hwSlots
		c.hwSlots = nil
	}
	c.mu.Unlock()
}

// destroy releases what f holds.
func (f *filter) destroy() {
	f.chain.put()
	live.Add(-1)
}

// Classify returns the priority of the first filter matching pkt, or -1.
func Classify(c *chain, pkt string) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range c.filters.All(s) {
		if strings.Contains(pkt, e.Value.match) {
			return e.Value.prio
		}
	}
	return -1
}

// Add appends a filter to c.
func Add(c *chain, prio int, match string) {
	f := &filter{prio: prio, match: match, chain: c}
	c.mu.Lock()
	c.refs++
	c.filters.PushBack(f)
	c.mu.Unlock()
	live.Add(1)
}

// Delete unlinks the filters of c with priority prio and destroys each once
// the classifiers that may see it are done.
func Delete(c *chain, prio int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for e := range c.filters.AllProtected(&c.mu) {
		if e.Value.prio != prio {
			continue
		}
		c.filters.Remove(e)
		f := e.Value
		rcuapi.Call(func() {
			f.destroy() // expect RCU3001
		})
	}
}
