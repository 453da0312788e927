// Case: rate-limit module's Exit stops the refresher, queues the last release, then waits with Barrier
// Source: 2009 patch series adding rcu_barrier() to the exit functions of modules that use call_rcu() (https://lkml.iu.edu/hypermail/linux/kernel/0906.1/00224.html); Documentation/RCU/rcubarrier.rst
// Kind: fixed
// Pair: nobarrier

package nobarrierfix

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type limits struct {
	perIP   map[string]int
	scratch []int
	live    *atomic.Int64 // snapshots not yet released
}

func (l *limits) release() {
	clear(l.scratch)
	l.live.Add(-1)
}

var (
	mu   sync.Mutex
	cur  rcuapi.Pointer[limits]
	live atomic.Int64
	quit chan struct{}
	wg   sync.WaitGroup
)

var Module = &rcuapi.Module{Name: "ratelimit", Init: initLimiter, Exit: exitLimiter}

func refresh() {
	next := &limits{perIP: map[string]int{}, scratch: make([]int, 64), live: &live}
	live.Add(1)
	mu.Lock()
	old := cur.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(old.release)
	}
}

func initLimiter() error {
	quit = make(chan struct{})
	refresh()
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				refresh()
			}
		}
	}()
	return nil
}

func exitLimiter() {
	close(quit)
	wg.Wait()
	mu.Lock()
	old := cur.Replace(nil, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(old.release)
	}
	rcuapi.Barrier()
}

// Limit returns the per-IP limit, 0 if none.
func Limit(ip string) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if l := cur.Dereference(s); l != nil {
		return l.perIP[ip]
	}
	return 0
}
