// Case: metrics aggregator double-buffers its histogram table: after Replace and a grace period the old table is private again, and the next rebuild clears and refills it in place before publishing it
// Source: idiom: reuse of an unpublished object after synchronize_rcu() (Documentation/RCU/whatisRCU.rst: after the grace period the updater owns the old version); double buffering in packet classifiers
// Kind: idiom

package doublebuffer

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type histo struct {
	buckets []uint64
}

type Aggregator struct {
	mu    sync.Mutex
	cur   rcuapi.Pointer[histo]
	spare *histo // unpublished, owned by the updater; guarded by mu
}

func New(n int) *Aggregator {
	a := &Aggregator{spare: &histo{buckets: make([]uint64, n)}}
	a.cur.Init(&histo{buckets: make([]uint64, n)})
	return a
}

// Rebuild recomputes the histogram from samples.
func (a *Aggregator) Rebuild(samples []int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	next := a.spare
	clear(next.buckets)
	for _, v := range samples {
		if v >= 0 && v < len(next.buckets) {
			next.buckets[v]++
		}
	}
	old := a.cur.Replace(next, &a.mu)
	rcuapi.Synchronize()
	a.spare = old
}

func (a *Aggregator) Count(bucket int) uint64 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	h := a.cur.Dereference(s)
	if bucket < 0 || bucket >= len(h.buckets) {
		return 0
	}
	return h.buckets[bucket]
}
