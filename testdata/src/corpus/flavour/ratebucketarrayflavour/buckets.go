// Case: rate-limit buckets in a fixed array of RCU pointers are read under classic RCU, but a resized bucket is retired with the config subsystem's SRCU Call
// Source: issue 13 item 12 (flavour pairing through arrays of Pointers); checklist item 7 (readers and updaters use the same flavour), Documentation/RCU/checklist
// Kind: bad
// Pair: ratebucketarrayflavourfix

package ratebucketarrayflavour

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Bucket counts requests per client slot; its counters are pooled.
type Bucket struct {
	limit    int64
	counters []atomic.Int64
}

var counterPool sync.Pool

// Close returns the bucket's counters to the pool.
func (b *Bucket) Close() { counterPool.Put(b.counters) }

var (
	configDom rcuapi.SRCU // protects the limiter's config (not shown); its readers block on disk
	mu        sync.Mutex
	buckets   [16]rcuapi.Pointer[Bucket] // read under classic RCU
)

// Allow counts a request of client and reports whether it is within limit.
func Allow(client uint64) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	b := buckets[client%uint64(len(buckets))].Dereference(s)
	c := &b.counters[(client/16)%uint64(len(b.counters))]
	return c.Add(1) <= b.limit
}

// Resize replaces bucket i with one of n counters.
func Resize(i int, n int, limit int64) {
	next := &Bucket{limit: limit, counters: make([]atomic.Int64, n)}
	mu.Lock()
	old := buckets[i].Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		configDom.Call(old.Close) // expect RCU5001
	}
}
