// Case: stats module's Exit calls Barrier before stopping the ticker goroutine that keeps posting callbacks
// Source: Documentation/RCU/rcubarrier.rst (exit must first prevent new call_rcu, then rcu_barrier); pattern of "rds: use RCU to synchronize work-enqueue with connection teardown" (commit 3db6e0d172c9), http://patchwork.ozlabs.org/patch/868902/
// Kind: bad
// Pair: tickerbarrierfixed

package tickerbarrierbad

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type snapshot struct {
	taken time.Time
	hits  []uint64
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[snapshot]
	hits    [16]atomic.Uint64
	pool    = sync.Pool{New: func() any { return &snapshot{hits: make([]uint64, 16)} }}

	ticker *time.Ticker
	done   chan struct{}
	wg     sync.WaitGroup
)

// Module is the statistics module.
var Module = &rcuapi.Module{Name: "stats", Init: start, Exit: stop}

func start() error {
	ticker = time.NewTicker(time.Second)
	done = make(chan struct{})
	wg.Add(1)
	go roll()
	return nil
}

// roll publishes a fresh snapshot every tick and recycles the previous one
// after a grace period.
func roll() {
	defer wg.Done()
	for {
		select {
		case <-done:
			return
		case now := <-ticker.C:
			ns := pool.Get().(*snapshot)
			ns.taken = now
			for i := range hits {
				ns.hits[i] = hits[i].Load()
			}
			mu.Lock()
			old := current.Replace(ns, &mu)
			mu.Unlock()
			if old != nil {
				rcuapi.Call(func() { pool.Put(old) })
			}
		}
	}
}

// Hits returns bucket b of the last snapshot.
func Hits(b int) uint64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if sn := current.Dereference(s); sn != nil {
		return sn.hits[b]
	}
	return 0
}

// stop waits for the callbacks first and stops the poster afterwards: a
// tick between the two posts a callback that nothing waits for.
func stop() {
	rcuapi.Barrier() // expect RCU6003
	ticker.Stop()
	close(done)
	wg.Wait()
}
