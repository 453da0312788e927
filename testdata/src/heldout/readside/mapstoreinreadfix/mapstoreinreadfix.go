// Case: DNS cache ends its section before it inserts the resolved answer
// Source: a lookup that takes the update-side lock inside rcu_read_lock() to insert on a miss (Documentation/RCU/checklist.rst item 2; rcuapi.Map docs: updates may block, so not in a classic section)
// Kind: fixed
// Pair: mapstoreinread

package mapstoreinreadfix

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
	if a, ok := c.m.Load(s, name); ok && now.Before(a.expires) {
		out := append([]netip.Addr(nil), a.addrs...)
		rcuapi.ReadUnlock(s)
		return out
	}
	rcuapi.ReadUnlock(s)
	addrs, ttl := c.resolve(name)
	c.m.Store(name, &answer{addrs: addrs, expires: now.Add(ttl)})
	return append([]netip.Addr(nil), addrs...)
}

// Forget drops name; answers are only garbage once replaced.
func (c *Cache) Forget(name string) { c.m.Delete(name) }
