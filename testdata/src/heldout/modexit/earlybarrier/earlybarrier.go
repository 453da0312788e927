// Case: stats exporter module drains callbacks before it stops the ticker that queues more
// Source: rds: use RCU to synchronize work-enqueue with connection teardown (kernel commit 3db6e0d172c9; follow-up rds_destroy_pending(), http://patchwork.ozlabs.org/patch/868902/): stop new work before waiting for the old
// Kind: bad
// Pair: earlybarrierfix

package earlybarrier

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type window struct {
	start   time.Time
	samples []float64
}

var (
	mu      sync.Mutex
	cur     rcuapi.Pointer[window]
	ticker  *time.Ticker
	done    chan struct{}
	exited  chan struct{}
	flushed atomic.Int64
)

var Module = &rcuapi.Module{Name: "statsexport", Init: begin, Exit: end}

func rotate(now time.Time) {
	mu.Lock()
	old := cur.Replace(&window{start: now}, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() {
			flushed.Add(int64(len(old.samples)))
			old.samples = nil
		})
	}
}

func begin() error {
	ticker = time.NewTicker(10 * time.Second)
	done = make(chan struct{})
	exited = make(chan struct{})
	rotate(time.Now())
	go func() {
		defer close(exited)
		for {
			select {
			case <-done:
				return
			case now := <-ticker.C:
				rotate(now)
			}
		}
	}()
	return nil
}

func end() {
	rcuapi.Barrier() // expect RCU6003
	ticker.Stop()
	close(done)
	<-exited
}

// Started returns when the current window began.
func Started() time.Time {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).start
}
