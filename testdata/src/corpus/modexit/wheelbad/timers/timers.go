// Package timers is a shared timer wheel. An expiry function runs after a
// grace period, so that lookups that found the timer's owner have finished
// before the owner is torn down.
package timers

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Timer calls OnExpire once Deadline has passed.
type Timer struct {
	Deadline time.Time
	OnExpire func()
}

// Wheel holds pending timers.
type Wheel struct {
	mu     sync.Mutex
	timers []*Timer
}

// Default is the process-wide wheel.
var Default Wheel

// Add arms t.
func (w *Wheel) Add(t *Timer) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.timers = append(w.timers, t)
}

// Expire fires every timer due at now.
func (w *Wheel) Expire(now time.Time) {
	w.mu.Lock()
	var due []*Timer
	keep := w.timers[:0]
	for _, t := range w.timers {
		if now.Before(t.Deadline) {
			keep = append(keep, t)
		} else {
			due = append(due, t)
		}
	}
	w.timers = keep
	w.mu.Unlock()
	for _, t := range due {
		rcuapi.Call(t.OnExpire)
	}
}

// ExpireAll fires every pending timer now.
func (w *Wheel) ExpireAll() { w.Expire(time.Unix(1<<40, 0)) }
