// Case: service-discovery cache owned by one goroutine: it alone applies add/remove events from a channel with load-copy-store and no lock; resolvers only load
// Source: idiom: a single updater needs no lock (Documentation/RCU/checklist.rst item 1c); Go's "share memory by communicating" owner goroutine (coredns/consul-style watch loops)
// Kind: idiom

package ownerloop

import (
	"context"
	"slices"
	"sync/atomic"
)

type Event struct {
	Service string
	Addr    string
	Remove  bool
}

type Cache struct {
	snap   atomic.Pointer[map[string][]string]
	events chan Event
}

func NewCache() *Cache {
	c := &Cache{events: make(chan Event, 128)}
	empty := map[string][]string{}
	c.snap.Store(&empty)
	return c
}

// Run is the only goroutine that ever stores into c.snap.
func (c *Cache) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-c.events:
			old := *c.snap.Load()
			next := make(map[string][]string, len(old)+1)
			for k, v := range old {
				next[k] = v
			}
			addrs := slices.Clone(old[ev.Service])
			if ev.Remove {
				addrs = slices.DeleteFunc(addrs, func(a string) bool { return a == ev.Addr })
			} else {
				addrs = append(addrs, ev.Addr)
			}
			next[ev.Service] = addrs
			c.snap.Store(&next)
		}
	}
}

func (c *Cache) Notify(ev Event) { c.events <- ev }

func (c *Cache) Resolve(service string) []string {
	return slices.Clone((*c.snap.Load())[service])
}
