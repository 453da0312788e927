// Case: scalarcopy
// Source: idiom: a struct of scalars copied by value out of the snapshot, changed and published as a new pointer (Documentation/RCU/checklist.rst item 3)
// Kind: idiom
package scalarcopy

import (
	"sync"
	"sync/atomic"
	"time"
)

// Timeouts holds only value fields: a copy shares nothing with the original.
type Timeouts struct {
	Dial     time.Duration
	Read     time.Duration
	Write    time.Duration
	Retries  int
	Deadline time.Time
}

type Client struct {
	mu       sync.Mutex
	timeouts atomic.Pointer[Timeouts]
}

func (c *Client) Effective(slow bool) Timeouts {
	t := *c.timeouts.Load()
	if slow {
		t.Read *= 2
		t.Write *= 2
	}
	return t
}

func (c *Client) SetRead(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := *c.timeouts.Load()
	t.Read = d
	c.timeouts.Store(&t)
}

func (c *Client) Backoff(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := *c.timeouts.Load()
	t.Retries++
	t.Deadline = now.Add(time.Duration(t.Retries) * time.Second)
	c.timeouts.Store(&t)
}
