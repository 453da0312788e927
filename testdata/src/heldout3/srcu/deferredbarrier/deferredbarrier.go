// Case: attachment store's Close defers the SRCU Barrier at its top and returns the domain's Cleanup, so Cleanup runs with callbacks queued and the deferred Barrier then uses the ended domain
// Source: Documentation/RCU/checklist.rst item 14 (srcu_barrier() before cleanup_srcu_struct(), no use after it); Go's defer runs after the return expression is evaluated
// Kind: bad
// Pair: srcu/deferredbarrierfix

package deferredbarrier

import (
	"io"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type blob struct {
	data []byte
}

type Store struct {
	mu     sync.Mutex
	dom    *rcuapi.SRCU
	blobs  rcuapi.Map[string, *blob]
	free   chan []byte // recycled buffers for the uploader
	closed bool
}

func Open() *Store { return &Store{dom: rcuapi.NewSRCU("attachments"), free: make(chan []byte, 64)} }

func (st *Store) Put(name string, data []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return
	}
	if old, ok := st.blobs.Swap(name, &blob{data: data}); ok {
		st.dom.Call(func() {
			select {
			case st.free <- old.data[:0]:
			default:
			}
		})
	}
}

func (st *Store) ReadAt(name string, p []byte, off int64) (int, error) {
	s := st.dom.ReadLock()
	defer st.dom.ReadUnlock(s)
	b, ok := st.blobs.Load(s, name)
	if !ok {
		return 0, os.ErrNotExist
	}
	if off >= int64(len(b.data)) {
		return 0, io.EOF
	}
	return copy(p, b.data[off:]), nil
}

func (st *Store) Close() error {
	defer st.dom.Barrier() // expect RCU6005
	st.mu.Lock()
	st.closed = true
	st.mu.Unlock()
	return st.dom.Cleanup() // expect RCU6004
}
