// Case: unsafeswap
// Source: idiom: snapshot published with atomic.LoadPointer/StorePointer, writers serialised by a mutex and building a fresh slice (hashicorp/go-memdb PR #14: single writer, atomic root pointer)
// Kind: idiom
package unsafeswap

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

type upstreams struct {
	addrs []string
}

type Balancer struct {
	mu  sync.Mutex
	ptr unsafe.Pointer // *upstreams
	rr  atomic.Uint32
}

func (b *Balancer) load() *upstreams { return (*upstreams)(atomic.LoadPointer(&b.ptr)) }

func (b *Balancer) Pick() string {
	u := b.load()
	if u == nil || len(u.addrs) == 0 {
		return ""
	}
	return u.addrs[int(b.rr.Add(1))%len(u.addrs)]
}

// Remove drops addr; called by the health checker and the admin API.
func (b *Balancer) Remove(addr string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cur := b.load()
	if cur == nil {
		return
	}
	next := &upstreams{addrs: make([]string, 0, len(cur.addrs))}
	for _, a := range cur.addrs {
		if a != addr {
			next.addrs = append(next.addrs, a)
		}
	}
	atomic.StorePointer(&b.ptr, unsafe.Pointer(next))
}
