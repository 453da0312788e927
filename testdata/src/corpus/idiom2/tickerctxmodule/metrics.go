// Case: metrics module rolls its histogram once per tick and retires the old one with one SRCU Call per tick; Exit cancels the context, waits for the goroutine, then calls the domain's Barrier
// Source: idiom: a ticker-paced poster is the visible rate limit people use instead of checking Pending, and the cancel/wait/Barrier order is what Documentation/RCU/rcubarrier.rst prescribes for module exit
// Kind: idiom

package tickerctxmodule

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type histogram struct {
	start   time.Time
	buckets [32]uint64
}

var (
	dom     = rcuapi.NewSRCU("metrics") // exporters stream the histogram out while reading
	mu      sync.Mutex
	current rcuapi.Pointer[histogram]
	counts  [32]atomic.Uint64
	recycle = sync.Pool{New: func() any { return new(histogram) }}

	cancel context.CancelFunc
	wg     sync.WaitGroup
)

// Module is the metrics module.
var Module = &rcuapi.Module{Name: "metrics", Init: start, Exit: stop}

func start() error {
	ctx, c := context.WithCancel(context.Background())
	cancel = c
	wg.Add(1)
	go roll(ctx, 10*time.Second)
	return nil
}

// roll publishes a fresh histogram every period: one Call per tick.
func roll(ctx context.Context, period time.Duration) {
	defer wg.Done()
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			h := recycle.Get().(*histogram)
			h.start = now
			for i := range counts {
				h.buckets[i] = counts[i].Swap(0)
			}
			mu.Lock()
			old := current.Replace(h, &mu)
			mu.Unlock()
			if old != nil {
				dom.Call(func() { recycle.Put(old) })
			}
		}
	}
}

// Export streams the last histogram with emit, which may block.
func Export(emit func(bucket int, n uint64)) {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	if h := current.Dereference(s); h != nil {
		for i, n := range h.buckets {
			emit(i, n)
		}
	}
}

// stop ends the poster, waits until it has returned, then waits for the
// callbacks it queued.
func stop() {
	cancel()
	wg.Wait()
	dom.Barrier()
}
