// Case: cache lookup ends its section once, then counts the hit or miss
// Source: double rcu_read_unlock() on a miss path (Documentation/RCU/checklist.rst item 2: every rcu_read_lock() paired with exactly one rcu_read_unlock())
// Kind: fixed
// Pair: doubleend

package doubleendfix

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entry struct {
	etag string
	size int
}

type index struct {
	entries map[string]entry
}

type Cache struct {
	mu     sync.Mutex
	cur    rcuapi.Pointer[index]
	hits   atomic.Int64
	misses atomic.Int64
}

// ETag reports the entity tag cached for path, if any.
func (c *Cache) ETag(path string) (string, bool) {
	s := rcuapi.ReadLock()
	e, ok := c.cur.Dereference(s).entries[path]
	rcuapi.ReadUnlock(s)
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return e.etag, ok
}

// Put adds one entry by copying the index.
func (c *Cache) Put(path, etag string, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.cur.Protected(&c.mu)
	next := &index{entries: make(map[string]entry, len(old.entries)+1)}
	for k, v := range old.entries {
		next.entries[k] = v
	}
	next.entries[path] = entry{etag: etag, size: size}
	c.cur.Assign(next)
}

func NewCache() *Cache {
	c := &Cache{}
	c.cur.Init(&index{entries: map[string]entry{}})
	return c
}
