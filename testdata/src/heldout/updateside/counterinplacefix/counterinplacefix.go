// Case: rate limiter keeps per-client buckets in an rcuapi.Map beside the immutable config
// Source: in-place update of an RCU-protected structure by a reader, "concurrent map writes" (Documentation/RCU/checklist.rst item 3: updaters must copy, not modify in place)
// Kind: fixed
// Pair: counterinplace

package counterinplacefix

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
	rate  int64 // tokens per second
	burst int64
}

type Limiter struct {
	mu      sync.Mutex
	cfg     rcuapi.Pointer[limits]
	buckets sync.Map // string -> *bucket; buckets are never retired
}

func (l *Limiter) bucketFor(client string, burst int64, now time.Time) *bucket {
	if b, ok := l.buckets.Load(client); ok {
		return b.(*bucket)
	}
	nb := &bucket{}
	nb.tokens.Store(burst)
	nb.last.Store(now.UnixNano())
	b, _ := l.buckets.LoadOrStore(client, nb)
	return b.(*bucket)
}

// Allow takes one token from client's bucket.
func (l *Limiter) Allow(client string, now time.Time) bool {
	s := rcuapi.ReadLock()
	c := l.cfg.Dereference(s)
	rate, burst := c.rate, c.burst
	rcuapi.ReadUnlock(s)

	b := l.bucketFor(client, burst, now)
	elapsed := now.UnixNano() - b.last.Swap(now.UnixNano())
	refill := elapsed * rate / int64(time.Second)
	if t := b.tokens.Add(refill); t > burst {
		b.tokens.Store(burst)
	}
	return b.tokens.Add(-1) >= 0
}

// SetRate publishes new limits and starts every client afresh.
func (l *Limiter) SetRate(rate, burst int64) {
	l.mu.Lock()
	l.cfg.Assign(&limits{rate: rate, burst: burst})
	l.buckets.Clear()
	l.mu.Unlock()
}
