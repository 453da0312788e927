// Case: RCU callback takes a mutex to put retired buffers on a free list
// Source: RCU callback acquiring a sleeping lock, "BUG: sleeping function called from invalid context" in rcu_do_batch (Documentation/RCU/checklist.rst item 5)
// Kind: bad
// Pair: cblockfix

package cblock

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

var (
	freeMu sync.Mutex
	free   [][]byte
)

func getBuf(n int) []byte {
	freeMu.Lock()
	defer freeMu.Unlock()
	for i, b := range free {
		if cap(b) >= n {
			free = append(free[:i], free[i+1:]...)
			return b[:n]
		}
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
	rcuapi.Call(func() {
		freeMu.Lock() // expect RCU3001
		free = append(free, old.buf)
		freeMu.Unlock()
	})
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
