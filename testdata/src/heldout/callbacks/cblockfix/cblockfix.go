// Case: RCU callback returns retired buffers to a sync.Pool, which never blocks
// Source: RCU callback acquiring a sleeping lock, "BUG: sleeping function called from invalid context" in rcu_do_batch (Documentation/RCU/checklist.rst item 5)
// Kind: fixed
// Pair: cblock

package cblockfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type frame struct {
	buf []byte
}

type Renderer struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[frame]
}

var bufs sync.Pool

func getBuf(n int) []byte {
	if b, ok := bufs.Get().([]byte); ok && cap(b) >= n {
		return b[:n]
	}
	return make([]byte, n)
}

// Present publishes a newly rendered frame and recycles the previous one.
func (r *Renderer) Present(pixels []byte) {
	f := &frame{buf: getBuf(len(pixels))}
	copy(f.buf, pixels)
	r.mu.Lock()
	old := r.cur.Replace(f, &r.mu)
	r.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Call(func() { bufs.Put(old.buf) })
}

// Checksum reads the current frame.
func (r *Renderer) Checksum() uint32 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var h uint32
	if f := r.cur.Dereference(s); f != nil {
		for _, b := range f.buf {
			h = h*31 + uint32(b)
		}
	}
	return h
}
