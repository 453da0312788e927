// Case: removing an endpoint with append(s[:i], s[i+1:]...) on the loaded slice shifts the elements of the published backing array
// Source: idiom: etcd-io/etcd issue #6892 https://github.com/etcd-io/etcd/issues/6892 (a caller manipulating the slice Endpoints returned, fixed by PR #6896), varied to the common in-place delete; the endpoints live in an atomic.Pointer
// Kind: bad
// Pair: vappendaliasfixed

package vappendaliasbad

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
	for i, a := range cur {
		if a == addr {
			next := append(cur[:i], cur[i+1:]...) // expect RCU7002
			b.addrs.Store(&next)
			return
		}
	}
}
