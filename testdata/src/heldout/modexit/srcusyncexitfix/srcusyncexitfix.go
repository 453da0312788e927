// Case: storage driver module drains its SRCU callbacks with the domain's Barrier at exit
// Source: srcu_barrier() vs synchronize_srcu() at module unload (lkml thread "[PATCH RFC tip/core/rcu 0/4] Forbid static SRCU use in modules", April 2019; Documentation/RCU/rcubarrier.rst)
// Kind: fixed
// Pair: srcusyncexit

package srcusyncexitfix

import (
	"io"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type lun struct {
	id      int
	backing io.ReaderAt
	cache   []byte
}

var (
	ioSRCU   rcuapi.SRCU
	mu       sync.Mutex
	luns     [8]rcuapi.Pointer[lun]
	inflight atomic.Int64
	stopping atomic.Bool
)

var Module = &rcuapi.Module{Name: "vdisk", Exit: driverExit, Init: func() error { return nil }}

// Detach removes lun i and releases its cache after the readers are gone.
func Detach(i int) {
	mu.Lock()
	defer mu.Unlock()
	if stopping.Load() {
		return
	}
	detachLocked(i)
}

func detachLocked(i int) {
	old := luns[i].Replace(nil, &mu)
	if old == nil {
		return
	}
	inflight.Add(1)
	ioSRCU.Call(func() {
		clear(old.cache)
		old.cache = nil
		inflight.Add(-1)
	})
}

// ReadAt reads from lun i; it may block on the backing store.
func ReadAt(i int, p []byte, off int64) (int, error) {
	s := ioSRCU.ReadLock()
	defer ioSRCU.ReadUnlock(s)
	l := luns[i].Dereference(s)
	if l == nil {
		return 0, io.ErrClosedPipe
	}
	return l.backing.ReadAt(p, off)
}

func driverExit() {
	mu.Lock()
	stopping.Store(true)
	for i := range luns {
		detachLocked(i)
	}
	mu.Unlock()
	ioSRCU.Barrier()
}
