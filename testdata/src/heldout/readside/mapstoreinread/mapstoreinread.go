// Case: DNS cache fills a miss with LoadOrStore from inside a classic section, blocking on the map's update mutex
// Source: a lookup that takes the update-side lock inside rcu_read_lock() to insert on a miss (Documentation/RCU/checklist.rst item 2; rcuapi.Map docs: updates may block, so not in a classic section)
// Kind: bad
// Pair: mapstoreinreadfix

package mapstoreinread

import (
	"net/netip"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type answer struct {
	addrs   []netip.Addr
	expires time.Time
}

type Cache struct {
	m       rcuapi.Map[string, *answer]
	resolve func(name string) ([]netip.Addr, time.Duration)
}

// Lookup answers from the cache; stale or missing names are resolved
// (by an in-memory zone here, so without I/O) and inserted.
func (c *Cache) Lookup(name string, now time.Time) []netip.Addr {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if a, ok := c.m.Load(s, name); ok && now.Before(a.expires) {
		return append([]netip.Addr(nil), a.addrs...)
	}
	addrs, ttl := c.resolve(name)
	fresh := &answer{addrs: addrs, expires: now.Add(ttl)}
	actual, _ := c.m.LoadOrStore(name, fresh) // expect RCU1005
	return append([]netip.Addr(nil), actual.addrs...)
}

// Forget drops name; answers are only garbage once replaced.
func (c *Cache) Forget(name string) { c.m.Delete(name) }
