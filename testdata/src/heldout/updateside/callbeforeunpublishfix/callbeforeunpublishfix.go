// Case: search index reload unpublishes the old index, then queues its release
// Source: call_rcu() queued before list_del_rcu()/rcu_assign_pointer() removes the object, so the grace period can end while it is still reachable (Documentation/RCU/checklist.rst item 15)
// Kind: fixed
// Pair: callbeforeunpublish

package callbeforeunpublishfix

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// index is an in-memory inverted index whose postings live in an arena
// that Close hands back for reuse.
type index struct {
	postings map[string][]uint32
	arena    *arena
}

type arena struct {
	inUse atomic.Bool
	slab  []uint32
}

// Close gives the arena back; the postings slices point into it.
func (ix *index) Close() {
	clear(ix.arena.slab)
	ix.arena.inUse.Store(false)
}

type Catalog struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[index]
}

// Reload publishes next and releases the previous index.
func (c *Catalog) Reload(next *index) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.cur.Replace(next, &c.mu)
	if old != nil {
		rcuapi.Call(func() { old.Close() })
	}
}

// Search returns the document ids of term.
func (c *Catalog) Search(term string) []uint32 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	ix := c.cur.Dereference(s)
	if ix == nil {
		return nil
	}
	return append([]uint32(nil), ix.postings[strings.ToLower(term)]...)
}
