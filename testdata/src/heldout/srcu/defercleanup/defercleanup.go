// Case: batch job makes a private SRCU domain, defers its Cleanup, and queues callbacks on it in the loop
// Source: cleanup_srcu_struct() on a dynamically allocated srcu_struct while call_srcu() callbacks are in flight (Documentation/RCU/checklist.rst item 14; kernel commit 15c68f7f6341 "srcu: Check for tardy grace-period activity in cleanup_srcu_struct()")
// Kind: bad
// Pair: defercleanupfix

package defercleanup

import (
	"hash/crc32"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Job struct {
	Name string
	Data []byte
}

type progress struct {
	done  int
	crc   uint32
	names []string
}

// Run processes jobs while a monitor goroutine reads the progress
// snapshot under the job's own SRCU domain; it returns the final checksum.
func Run(jobs []Job, report func(done int, names []string)) uint32 {
	d := rcuapi.NewSRCU("batch")
	defer d.Cleanup() // expect RCU6004

	var (
		mu       sync.Mutex
		cur      rcuapi.Pointer[progress]
		released atomic.Int64
		stop     = make(chan struct{})
		wg       sync.WaitGroup
	)
	cur.Init(&progress{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			s := d.ReadLock()
			p := cur.Dereference(s)
			report(p.done, p.names) // may block: that is why the domain is SRCU
			d.ReadUnlock(s)
		}
	}()

	for _, j := range jobs {
		mu.Lock()
		old := cur.Protected(&mu)
		next := &progress{done: old.done + 1, crc: crc32.Update(old.crc, crc32.IEEETable, j.Data)}
		next.names = append(append([]string(nil), old.names...), j.Name)
		cur.Assign(next)
		mu.Unlock()
		d.Call(func() { released.Add(int64(len(old.names))) })
	}
	close(stop)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return cur.Protected(&mu).crc
}
