// Case: search index's Close cleans up its private SRCU domain right after queueing the release of the last segment set, then logs the domain's callback backlog from the ended domain
// Source: Documentation/RCU/checklist.rst item 14 (srcu_barrier() before cleanup_srcu_struct(); nothing may use the srcu_struct afterwards); rcuapi SRCU.Cleanup docs
// Kind: bad
// Pair: srcu/closestatsfix

package closestats

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
	err := ix.dom.Cleanup()                                           // expect RCU6004
	log.Printf("index closed, %d releases pending", ix.dom.Pending()) // expect RCU6005
	return err
}
