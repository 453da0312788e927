// Case: cache evictor goroutine drains eviction requests from a channel in batches of at most 256, deletes them, waits for one grace period per batch, then closes every evicted entry's file
// Source: idiom: batching updates so that one grace period serves many (Documentation/RCU/checklist.rst item 6; unregister_netdevice_many())
// Kind: idiom

package evictbatch

import (
	"os"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const maxBatch = 256

type entry struct {
	f    *os.File // the cached object's backing file
	size int64
}

type Cache struct {
	entries rcuapi.Map[string, *entry]
	evict   chan string
}

// Size returns the cached size of key.
func (c *Cache) Size(key string) (int64, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	e, ok := c.entries.Load(s, key)
	if !ok {
		return 0, false
	}
	return e.size, true
}

// Evict asks the evictor to drop key.
func (c *Cache) Evict(key string) { c.evict <- key }

// RunEvictor is the cache's only deleter.
func (c *Cache) RunEvictor() {
	batch := make([]*entry, 0, maxBatch)
	for key := range c.evict {
		batch = batch[:0]
		for {
			if e, ok := c.entries.Delete(key); ok {
				batch = append(batch, e)
			}
			if len(batch) == maxBatch {
				break
			}
			more := false
			select {
			case key, more = <-c.evict:
			default:
			}
			if !more {
				break
			}
		}
		if len(batch) == 0 {
			continue
		}
		rcuapi.Synchronize()
		for _, e := range batch {
			e.f.Close()
		}
	}
}
