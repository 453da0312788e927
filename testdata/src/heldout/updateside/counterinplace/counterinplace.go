// Case: rate limiter lazily inserts per-client buckets into the map of the published config
// Source: in-place update of an RCU-protected structure by a reader, "concurrent map writes" (Documentation/RCU/checklist.rst item 3: updaters must copy, not modify in place)
// Kind: bad
// Pair: counterinplacefix

package counterinplace

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type bucket struct {
	tokens atomic.Int64
	last   atomic.Int64 // unix nanos of the last refill
}

type limits struct {
	rate    int64 // tokens per second
	burst   int64
	buckets map[string]*bucket
}

type Limiter struct {
	mu  sync.Mutex
	cfg rcuapi.Pointer[limits]
}

// Allow takes one token from client's bucket.
func (l *Limiter) Allow(client string, now time.Time) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := l.cfg.Dereference(s)
	b, ok := c.buckets[client]
	if !ok {
		b = &bucket{}
		b.tokens.Store(c.burst)
		b.last.Store(now.UnixNano())
		c.buckets[client] = b // expect RCU2002
	}
	elapsed := now.UnixNano() - b.last.Swap(now.UnixNano())
	refill := elapsed * c.rate / int64(time.Second)
	if t := b.tokens.Add(refill); t > c.burst {
		b.tokens.Store(c.burst)
	}
	return b.tokens.Add(-1) >= 0
}

// SetRate publishes new limits and starts every client afresh.
func (l *Limiter) SetRate(rate, burst int64) {
	l.mu.Lock()
	l.cfg.Assign(&limits{rate: rate, burst: burst, buckets: map[string]*bucket{}})
	l.mu.Unlock()
}
