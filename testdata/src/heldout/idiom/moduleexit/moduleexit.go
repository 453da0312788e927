// Case: metrics module whose Exit stops its flusher goroutine, waits for it, refuses new posts by flag, then drains with a deferred Barrier
// Source: idiom: module exit that first stops every source of call_rcu() and then calls rcu_barrier() (Documentation/RCU/rcubarrier.rst; Paul McKenney, "RCU and unloadable modules")
// Kind: idiom

package moduleexit

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type counters struct {
	byName map[string]int64
	spare  []int64
}

var (
	mu      sync.Mutex
	cur     rcuapi.Pointer[counters]
	closing atomic.Bool
	stop    chan struct{}
	wg      sync.WaitGroup
	spares  sync.Pool
)

var Module = &rcuapi.Module{Name: "metrics", Init: metricsInit, Exit: metricsExit}

// publish swaps in a fresh counter set; the old spare slice is recycled
// after a grace period, unless the module is going away.
func publish(next *counters) {
	mu.Lock()
	defer mu.Unlock()
	if closing.Load() {
		return
	}
	old := cur.Replace(next, &mu)
	if old != nil {
		rcuapi.Call(func() { spares.Put(old.spare[:0]) })
	}
}

func metricsInit() error {
	closing.Store(false)
	stop = make(chan struct{})
	publish(&counters{byName: map[string]int64{}})
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				publish(&counters{byName: map[string]int64{}, spare: make([]int64, 0, 64)})
			}
		}
	}()
	return nil
}

func metricsExit() {
	defer rcuapi.Barrier() // last: after the sources below have stopped
	mu.Lock()
	closing.Store(true)
	mu.Unlock()
	close(stop)
	wg.Wait()
}

// Get reads one counter.
func Get(name string) int64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if c := cur.Dereference(s); c != nil {
		return c.byName[name]
	}
	return 0
}
