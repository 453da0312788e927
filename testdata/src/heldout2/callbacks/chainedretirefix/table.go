// Case: lookup table read under classic RCU and SRCU is retired by a classic callback that chains an SRCU callback
// Source: Documentation/RCU/checklist.rst items 5 and 6 (no synchronize_*() inside an RCU callback; chain call_rcu() into call_srcu() instead); rcubarrier.rst
// Kind: fixed
// Pair: chainedretire

package chainedretirefix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct {
	slots []uint32
}

var slotPool = sync.Pool{New: func() any { return new([]uint32) }}

// Index is read on the packet fast path under classic RCU and by the
// control plane under an SRCU domain (those readers do I/O).
type Index struct {
	mu  sync.Mutex
	dom rcuapi.SRCU
	cur rcuapi.Pointer[table]
}

func NewIndex(size int) *Index {
	ix := &Index{}
	ix.cur.Init(&table{slots: make([]uint32, size)})
	return ix
}

// Fast looks a slot up on the fast path.
func (ix *Index) Fast(h uint32) uint32 {
	s := rcuapi.ReadLock()
	t := ix.cur.Dereference(s)
	v := t.slots[h%uint32(len(t.slots))]
	rcuapi.ReadUnlock(s)
	return v
}

// Dump writes every slot through emit, which may block.
func (ix *Index) Dump(emit func(i int, v uint32) error) error {
	s := ix.dom.ReadLock()
	defer ix.dom.ReadUnlock(s)
	for i, v := range ix.cur.Dereference(s).slots {
		if err := emit(i, v); err != nil {
			return err
		}
	}
	return nil
}

// Rebuild publishes a new table; the old slot array is recycled once
// neither kind of reader can still be using it.
func (ix *Index) Rebuild(slots []uint32) {
	ix.mu.Lock()
	old := ix.cur.Replace(&table{slots: slots}, &ix.mu)
	ix.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Call(func() {
		ix.dom.Call(func() {
			s := old.slots[:0]
			slotPool.Put(&s)
		})
	})
}
