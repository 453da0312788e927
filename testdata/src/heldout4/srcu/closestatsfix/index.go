// Case: search index's Close drains the domain's callbacks with Barrier, logs the backlog, then cleans the domain up
// Source: Documentation/RCU/checklist.rst item 14 (srcu_barrier() before cleanup_srcu_struct(); nothing may use the srcu_struct afterwards); rcuapi SRCU.Cleanup docs
// Kind: fixed
// Pair: srcu/closestats

package closestatsfix

import (
	"log"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type segments struct {
	files []string
	mmaps [][]byte
}

type Index struct {
	mu   sync.Mutex
	dom  rcuapi.SRCU
	segs rcuapi.Pointer[segments]
}

func unmap(s *segments) {
	for i := range s.mmaps {
		s.mmaps[i] = nil
	}
}

func (ix *Index) Swap(next *segments) {
	ix.mu.Lock()
	old := ix.segs.Replace(next, &ix.mu)
	ix.mu.Unlock()
	if old != nil {
		ix.dom.Call(func() { unmap(old) })
	}
}

// Close is called once no new searches can start.
func (ix *Index) Close() error {
	ix.Swap(nil)
	ix.dom.Synchronize()
	log.Printf("index closing, %d releases pending", ix.dom.Pending())
	ix.dom.Barrier()
	return ix.dom.Cleanup()
}
