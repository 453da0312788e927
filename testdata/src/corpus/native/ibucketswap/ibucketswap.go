// Case: readers count into the loaded bucket with atomic adds; the interval timer zeroes a private bucket, swaps it in, and copies the counts out of the old one with atomic loads
// Source: idiom: google.golang.org/grpc@v1.85.0 internal/xds/balancer/outlierdetection/callcounter.go callCounter.swap and balancer.go incrementCounter ("this race [writes] to deprecated memory the interval timer algorithm will never read, which makes this race alright")
// Kind: idiom
// Pair: none

package ibucketswap

import "sync/atomic"

type bucket struct {
	numSuccesses uint32
	numFailures  uint32
}

type callCounter struct {
	activeBucket   atomic.Pointer[bucket] // counted into by every finished RPC
	inactiveBucket *bucket                // owned by the interval timer
}

func newCallCounter() *callCounter {
	cc := &callCounter{inactiveBucket: &bucket{}}
	cc.activeBucket.Store(&bucket{})
	return cc
}

// incrementCounter is the read side, once per finished RPC.
func (cc *callCounter) incrementCounter(failed bool) {
	ab := cc.activeBucket.Load()
	if failed {
		atomic.AddUint32(&ab.numFailures, 1)
	} else {
		atomic.AddUint32(&ab.numSuccesses, 1)
	}
}

// swap runs on the interval timer, the only writer.
func (cc *callCounter) swap() {
	ib := cc.inactiveBucket
	*ib = bucket{}
	ab := cc.activeBucket.Swap(ib)
	cc.inactiveBucket = &bucket{
		numSuccesses: atomic.LoadUint32(&ab.numSuccesses),
		numFailures:  atomic.LoadUint32(&ab.numFailures),
	}
}
