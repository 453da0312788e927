// Case: the replaced metrics snapshot is put back into a sync.Pool at once, so the next publish rewrites the buffer a reader is still copying
// Source: checklist item 15 (unpublish, wait for a grace period, then destroy; recycling is a destroy), Documentation/RCU/checklist; the kernel's equivalent is freeing or reusing an object without kfree_rcu()/synchronize_rcu()
// Kind: bad
// Pair: snapshotpoolrecyclefix

package snapshotpoolrecycle

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Snapshot is an encoded metrics page.
type Snapshot struct {
	buf []byte
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Snapshot]
	pages   = sync.Pool{New: func() any { return new(Snapshot) }}
)

// AppendPage appends the current page to dst.
func AppendPage(dst []byte) []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if p := current.Dereference(s); p != nil {
		dst = append(dst, p.buf...)
	}
	return dst
}

// Publish encodes data into a pooled page and publishes it.
func Publish(data []byte) {
	next := pages.Get().(*Snapshot)
	next.buf = append(next.buf[:0], data...)
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		pages.Put(old) // expect RCU2004
	}
}
