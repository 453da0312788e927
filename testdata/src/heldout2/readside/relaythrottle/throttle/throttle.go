// Package throttle paces outgoing work per key with token buckets.
package throttle

import (
	"sync"
	"time"
)

type bucket struct {
	tokens float64
	last   time.Time
}

// Limiter keeps one bucket per key.
type Limiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

func NewLimiter() *Limiter { return &Limiter{buckets: make(map[string]*bucket)} }

// Wait blocks until key may send one more message at perSecond messages a
// second (with a burst of one second's worth).
func (l *Limiter) Wait(key string, perSecond float64) {
	if perSecond <= 0 {
		return
	}
	for {
		l.mu.Lock()
		b := l.buckets[key]
		now := time.Now()
		if b == nil {
			b = &bucket{tokens: perSecond, last: now}
			l.buckets[key] = b
		}
		b.tokens = min(perSecond, b.tokens+now.Sub(b.last).Seconds()*perSecond)
		b.last = now
		if b.tokens >= 1 {
			b.tokens--
			l.mu.Unlock()
			return
		}
		need := time.Duration((1 - b.tokens) / perSecond * float64(time.Second))
		l.mu.Unlock()
		time.Sleep(need)
	}
}
