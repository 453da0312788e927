// Case: canary controller drains a backend by zeroing its slot in the weight slice of the published traffic split, then stores the same snapshot back to "publish" it
// Source: opencensus-go PR #763 (loaded config written in place, then stored again); etcd PR #6896 (a slice shared with readers mutated instead of copied); Documentation/RCU/checklist.rst item 3
// Kind: bad
// Pair: -

package weightindex

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

type Split struct {
	Backends []string
	Weights  []int
}

type Controller struct {
	mu    sync.Mutex
	split atomic.Pointer[Split]
}

func (c *Controller) Set(backends []string, weights []int) {
	s := &Split{Backends: backends, Weights: weights}
	c.mu.Lock()
	c.split.Store(s)
	c.mu.Unlock()
}

// Drain stops sending traffic to one backend.
func (c *Controller) Drain(backend string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.split.Load()
	for i, b := range s.Backends {
		if b == backend {
			s.Weights[i] = 0 // expect RCU7002
		}
	}
	c.split.Store(s)
}

// Pick runs on every request.
func (c *Controller) Pick() string {
	s := c.split.Load()
	total := 0
	for _, w := range s.Weights {
		total += w
	}
	if total == 0 {
		return ""
	}
	n := rand.IntN(total)
	for i, w := range s.Weights {
		if n < w {
			return s.Backends[i]
		}
		n -= w
	}
	return s.Backends[len(s.Backends)-1]
}
