// Case: a channel pointer is published when a queue is over its limit and swapped out and closed, under the buffer mutex, when it drains; waiters load it and block on it
// Source: idiom: google.golang.org/grpc@v1.85.0 internal/transport/controlbuf.go controlBuffer.trfChan (Store(&ch) in executeAndPut, Swap(nil) then close(*ch) in get, Load in throttle)
// Kind: idiom
// Pair: none

package itrfchan

import (
	"sync"
	"sync/atomic"
)

const maxQueued = 50

type controlBuffer struct {
	mu                      sync.Mutex
	transportResponseFrames int
	trfChan                 atomic.Pointer[chan struct{}] // set while over the limit
}

// throttle blocks readers of the transport while too many response frames are queued.
func (c *controlBuffer) throttle(done <-chan struct{}) {
	if ch := c.trfChan.Load(); ch != nil {
		select {
		case <-*ch:
		case <-done:
		}
	}
}

func (c *controlBuffer) put() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.transportResponseFrames++
	if c.transportResponseFrames == maxQueued {
		ch := make(chan struct{})
		c.trfChan.Store(&ch)
	}
}

func (c *controlBuffer) get() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.transportResponseFrames == maxQueued {
		ch := c.trfChan.Swap(nil)
		close(*ch)
	}
	c.transportResponseFrames--
}
