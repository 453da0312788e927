// Case: evictnotify
// Source: Documentation/RCU/checklist.rst items 5 and 11 (call_rcu() callbacks must not block); groupcache/ristretto-style eviction listeners
// Kind: bad
// Pair: callbacks/evictnotifyfix
package evictnotify

import (
	"github.com/rcuvet/rcuvet/rcuapi"
)

type Entry struct {
	Key   string
	Value []byte
}

type Cache struct {
	entries rcuapi.Map[string, *Entry]
	evicted chan string // read by the replication goroutine
}

func (c *Cache) Get(key string) ([]byte, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	e, ok := c.entries.Load(s, key)
	if !ok {
		return nil, false
	}
	return append([]byte(nil), e.Value...), true
}

// Evict removes key and tells the replicas once no reader can still see it.
func (c *Cache) Evict(key string) {
	old, ok := c.entries.Delete(key)
	if !ok {
		return
	}
	rcuapi.Call(func() {
		c.evicted <- old.Key // expect RCU3001
	})
}
