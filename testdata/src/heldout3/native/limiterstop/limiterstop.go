// Case: rate limiter's SetRate stores a new token bucket and stops the replaced bucket's refill ticker at once, starving requests still waiting on it
// Source: hashicorp/boundary PR #2435 (old handle closed after Swap while readers could still use it); Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: native/limiterstopfix

package limiterstop

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

type stopper struct {
	tick *time.Ticker
	done chan struct{}
}

func (s stopper) stop() {
	s.tick.Stop()
	close(s.done)
}

type bucket struct {
	tokens chan struct{}
	stopper
}

func newBucket(perSecond int) *bucket {
	b := &bucket{tokens: make(chan struct{}, perSecond)}
	b.stopper = stopper{tick: time.NewTicker(time.Second / time.Duration(perSecond)), done: make(chan struct{})}
	go refill(b.tokens, b.tick.C, b.done)
	return b
}

func refill(tokens chan<- struct{}, tick <-chan time.Time, done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case <-tick:
			select {
			case tokens <- struct{}{}:
			default:
			}
		}
	}
}

type Limiter struct {
	mu  sync.Mutex
	cur atomic.Pointer[bucket]
}

func (l *Limiter) SetRate(perSecond int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.cur.Load()
	l.cur.Store(newBucket(perSecond))
	if old != nil {
		old.stop() // expect RCU7004
	}
}

// Wait blocks until the current bucket hands out a token.
func (l *Limiter) Wait(ctx context.Context) error {
	b := l.cur.Load()
	select {
	case <-b.tokens:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
