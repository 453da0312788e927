// Case: a CompareAndSwap retry loop moves a published watermark forward only; the new value is derived from the loaded one
// Source: idiom: github.com/prometheus/prometheus@v0.316.0 storage/remote/queue_manager.go setAtomicToNewer and tsdb/head.go Head.updateMinMaxTime (CompareAndSwap loops on atomic.Int64), here on an atomic.Pointer to a small struct
// Kind: idiom
// Pair: none

package icasloop

import "sync/atomic"

type watermark struct {
	Timestamp int64
	Segment   int
}

type queue struct {
	highest atomic.Pointer[watermark] // read by the remote-write shards
}

// setToNewer publishes ts unless a newer watermark is already there.
func (q *queue) setToNewer(ts int64) (previous int64, updated bool) {
	for {
		cur := q.highest.Load()
		if cur != nil && cur.Timestamp >= ts {
			return cur.Timestamp, false
		}
		next := &watermark{Timestamp: ts}
		if cur != nil {
			next.Segment = cur.Segment + 1
		}
		if q.highest.CompareAndSwap(cur, next) {
			if cur == nil {
				return 0, true
			}
			return cur.Timestamp, true
		}
	}
}
