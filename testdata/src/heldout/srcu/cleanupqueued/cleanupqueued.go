// Case: index service queues the last retirement on its SRCU domain and cleans the domain up at once
// Source: cleanup_srcu_struct() with call_srcu() callbacks still pending; the rule is stop call_srcu(), srcu_barrier(), then cleanup (kernel commit 15c68f7f6341 "srcu: Check for tardy grace-period activity in cleanup_srcu_struct()")
// Kind: bad
// Pair: cleanupqueuedfix

package cleanupqueued

import (
	"errors"
	"os"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type shard struct {
	name   string
	mapped []byte // file contents; released to the pool when retired
}

type Index struct {
	mu     sync.Mutex
	d      *rcuapi.SRCU
	cur    rcuapi.Pointer[shard]
	closed atomic.Bool
	pool   *sync.Pool
}

func Open(path string) (*Index, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ix := &Index{d: rcuapi.NewSRCU("index"), pool: &sync.Pool{}}
	ix.cur.Init(&shard{name: path, mapped: b})
	return ix, nil
}

// Swap replaces the shard; the old contents go back to the pool later.
func (ix *Index) Swap(sh *shard) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed.Load() {
		return errors.New("index closed")
	}
	old := ix.cur.Replace(sh, &ix.mu)
	ix.d.Call(func() { ix.pool.Put(old.mapped) })
	return nil
}

// Get reads a byte range; readers may block on the page cache.
func (ix *Index) Get(off, n int) []byte {
	s := ix.d.ReadLock()
	defer ix.d.ReadUnlock(s)
	sh := ix.cur.Dereference(s)
	if sh == nil || off+n > len(sh.mapped) {
		return nil
	}
	return append([]byte(nil), sh.mapped[off:off+n]...)
}

// Close retires the last shard and ends the domain.
func (ix *Index) Close() error {
	ix.mu.Lock()
	ix.closed.Store(true)
	old := ix.cur.Replace(nil, &ix.mu)
	ix.mu.Unlock()
	if old != nil {
		ix.d.Call(func() { ix.pool.Put(old.mapped) })
	}
	return ix.d.Cleanup() // expect RCU6004
}
