// Case: removing an endpoint builds the new list in a fresh slice
// Source: idiom: the copy in etcd-io/etcd PR #6896 https://github.com/etcd-io/etcd/pull/6896 (make then copy), applied to the in-place delete
// Kind: fixed
// Pair: vappendaliasbad

package vappendaliasfixed

import (
	"sync"
	"sync/atomic"
)

type balancer struct {
	mu    sync.Mutex // serialises writers
	addrs atomic.Pointer[[]string]
}

// pick is the read side.
func (b *balancer) pick(n int) string {
	a := *b.addrs.Load()
	return a[n%len(a)]
}

// remove drops addr from the endpoint list.
func (b *balancer) remove(addr string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cur := *b.addrs.Load()
	next := make([]string, 0, len(cur))
	for _, a := range cur {
		if a != addr {
			next = append(next, a)
		}
	}
	b.addrs.Store(&next)
}
