// Case: packet ring returns the removed buffer to the pool from an RCU callback
// Source: object recycled to a slab/pool before readers that may hold it are gone (Documentation/RCU/checklist.rst item 15; SLAB_TYPESAFE_BY_RCU caveats in rculist_nulls.rst)
// Kind: fixed
// Pair: poolbeforegp

package poolbeforegpfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type buffer struct {
	seq  uint64
	data []byte
}

var bufPool = sync.Pool{New: func() any { return &buffer{data: make([]byte, 0, 2048)} }}

type Ring struct {
	mu   sync.Mutex
	list rcuapi.List[*buffer]
	n    int
	max  int
}

// Append adds a packet, dropping the oldest when the ring is full.
func (r *Ring) Append(seq uint64, pkt []byte) {
	b := bufPool.Get().(*buffer)
	b.seq = seq
	b.data = append(b.data[:0], pkt...)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.list.PushBack(b)
	r.n++
	if r.n <= r.max {
		return
	}
	for e := range r.list.AllProtected(&r.mu) {
		r.list.Remove(e)
		r.n--
		old := e.Value
		rcuapi.Call(func() { bufPool.Put(old) })
		break
	}
}

// Find copies the packet with sequence number seq, if still buffered.
func (r *Ring) Find(seq uint64) ([]byte, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range r.list.All(s) {
		if e.Value.seq == seq {
			return append([]byte(nil), e.Value.data...), true
		}
	}
	return nil, false
}
