// Case: callback retiring an outer table waits for another grace period before freeing its shadow table
// Source: synchronize_rcu() from an RCU callback, which blocks the callback thread for a whole grace period (Documentation/RCU/checklist.rst items 5 and 6; chained grace periods belong in a second call_rcu())
// Kind: bad
// Pair: cbsyncfix

package cbsync

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type shadow struct {
	slots []uint64
}

type table struct {
	slots  []uint64
	shadow rcuapi.Pointer[shadow] // resize in progress, read by lookups
}

var shadowPool = sync.Pool{New: func() any { return new(shadow) }}

type Hash struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[table]
}

// recycle clears a retired table's shadow and returns it to the pool. It
// unpublishes the shadow and waits for its readers first.
func recycle(old *table, sh *shadow) {
	if sh == nil {
		return
	}
	old.shadow.Init(nil)
	rcuapi.Synchronize()
	clear(sh.slots)
	shadowPool.Put(sh)
}

// Swap installs a new table; the old one's shadow is recycled.
func (h *Hash) Swap(next *table) {
	h.mu.Lock()
	old := h.cur.Replace(next, &h.mu)
	var sh *shadow
	if old != nil {
		sh = old.shadow.Protected(&h.mu)
	}
	h.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Call(func() {
		recycle(old, sh) // expect RCU3002
	})
}

// Get reads slot i from the table, or its shadow while resizing.
func (h *Hash) Get(i int) uint64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t := h.cur.Dereference(s)
	if sh := t.shadow.Dereference(s); sh != nil && i < len(sh.slots) {
		return sh.slots[i]
	}
	return t.slots[i%len(t.slots)]
}
