// Case: load balancer's Fastest sorts a clone of the published backend slice
// Source: etcd PR #6896 and golang/go issue #15908 (a slice shared with readers sorted or mutated in place instead of copied); Documentation/RCU/checklist.rst item 3
// Kind: fixed
// Pair: native/sortbackends

package sortbackendsfix

import (
	"slices"
	"sort"
	"sync/atomic"
	"time"
)

type Backend struct {
	Addr    string
	Latency time.Duration
	Healthy bool
}

// Pool is refreshed by the health checker, which stores a fresh slice each round.
type Pool struct {
	backends atomic.Pointer[[]Backend]
}

func (p *Pool) Refresh(bs []Backend) {
	fresh := make([]Backend, len(bs))
	copy(fresh, bs)
	p.backends.Store(&fresh)
}

// Fastest returns the addresses of the n healthy backends with the lowest latency.
func (p *Pool) Fastest(n int) []string {
	cur := p.backends.Load()
	if cur == nil {
		return nil
	}
	bs := slices.Clone(*cur)
	sort.Slice(bs, func(i, j int) bool { return bs[i].Latency < bs[j].Latency })
	out := make([]string, 0, n)
	for _, b := range bs {
		if len(out) == n {
			break
		}
		if b.Healthy {
			out = append(out, b.Addr)
		}
	}
	return out
}
