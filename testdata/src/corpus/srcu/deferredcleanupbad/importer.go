// Case: bulk importer makes a local SRCU domain for its worker goroutines, retires staging batches with Call, and defers Cleanup with no Barrier before it
// Source: Linux cleanup_srcu_struct() rules for dynamically initialised srcu_struct (srcu_barrier() after the last call_srcu(), then cleanup); kernel/rcu/srcutree.c cleanup_srcu_struct() WARNs on pending callbacks
// Kind: bad
// Pair: deferredcleanupfixed

package deferredcleanupbad

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type batch struct {
	rows []string
}

var rowBufs = sync.Pool{New: func() any { return make([]string, 0, 1024) }}

// Import feeds records to workers in batches and returns how many rows
// matched keep. Workers read the current batch under a domain local to
// this import; each replaced batch is recycled after a grace period.
func Import(records [][]string, keep string, workers int) int {
	d := rcuapi.NewSRCU("import")
	defer d.Cleanup() // expect RCU6004

	var (
		mu      sync.Mutex
		current rcuapi.Pointer[batch]
		matched = make([]int, workers)
		wg      sync.WaitGroup
	)
	for _, rec := range records {
		nb := &batch{rows: append(rowBufs.Get().([]string)[:0], rec...)}
		mu.Lock()
		old := current.Replace(nb, &mu)
		mu.Unlock()
		if old != nil {
			d.Call(func() { rowBufs.Put(old.rows[:0]) })
		}
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := d.ReadLock()
				for i, r := range current.Dereference(s).rows {
					if i%workers == w && strings.Contains(r, keep) {
						matched[w]++
					}
				}
				d.ReadUnlock(s)
			}()
		}
		wg.Wait()
	}
	n := 0
	for _, m := range matched {
		n += m
	}
	return n
}
