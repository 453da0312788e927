// Case: evictnotifyfix
// Source: Documentation/RCU/checklist.rst items 5 and 11 (call_rcu() callbacks must not block); groupcache/ristretto-style eviction listeners
// Kind: fixed
// Pair: callbacks/evictnotify
package evictnotifyfix

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
		select {
		case c.evicted <- old.Key:
		default: // the replicator is behind; it resynchronises from a full scan
		}
	})
}
