// Case: the replaced snapshot goes back to the pool from a callback that runs after a grace period
// Source: checklist item 15, Documentation/RCU/checklist (call_rcu() to recycle after the readers are done)
// Kind: fixed
// Pair: snapshotpoolrecycle

package snapshotpoolrecyclefix

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
		rcuapi.Call(func() { pages.Put(old) })
	}
}
