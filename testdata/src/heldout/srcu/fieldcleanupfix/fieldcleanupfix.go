// Case: artifact store Close stops deletions, waits for readers and for queued releases, then cleans the domain up
// Source: call_srcu() from one path and cleanup_srcu_struct() from the teardown path with no srcu_barrier() between (Documentation/RCU/checklist.rst item 14; rcuvet issue 13 class 16)
// Kind: fixed
// Pair: fieldcleanup

package fieldcleanupfix

import (
	"io"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type blob struct {
	digest string
	data   []byte
}

type Store struct {
	mu     sync.Mutex
	dom    rcuapi.SRCU // readers stream blobs to clients
	blobs  rcuapi.Map[string, *blob]
	closed atomic.Bool
	freed  atomic.Int64
}

// Delete removes a blob and releases its bytes after the grace period.
func (st *Store) Delete(digest string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed.Load() {
		return
	}
	if old, ok := st.blobs.Delete(digest); ok {
		st.dom.Call(func() {
			st.freed.Add(int64(len(old.data)))
			clear(old.data)
		})
	}
}

// Stream copies a blob to w under the domain.
func (st *Store) Stream(digest string, w io.Writer) error {
	s := st.dom.ReadLock()
	defer st.dom.ReadUnlock(s)
	b, ok := st.blobs.Load(s, digest)
	if !ok {
		return io.EOF
	}
	_, err := w.Write(b.data)
	return err
}

// Close stops deletions and ends the domain.
func (st *Store) Close() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.closed.Store(true)
	st.dom.Synchronize()
	st.dom.Barrier()
	return st.dom.Cleanup()
}
