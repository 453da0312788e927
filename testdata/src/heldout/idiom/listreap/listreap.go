// Case: timer list reaped by the updater under its lock with AllProtected, removed timers closed after one grace period for the batch
// Source: idiom: list_for_each_entry_safe() + list_del_rcu() under the update lock, one synchronize_rcu() for the batch, then free (Documentation/RCU/listRCU.rst)
// Kind: idiom

package listreap

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type timer struct {
	id       int
	deadline time.Time
	fired    chan struct{}
}

type Wheel struct {
	mu     sync.Mutex
	timers rcuapi.List[*timer]
}

// Add arms a timer.
func (w *Wheel) Add(id int, d time.Duration) <-chan struct{} {
	t := &timer{id: id, deadline: time.Now().Add(d), fired: make(chan struct{})}
	w.mu.Lock()
	w.timers.PushBack(t)
	w.mu.Unlock()
	return t.fired
}

// Next reports the earliest deadline, for the poller's sleep.
func (w *Wheel) Next() (time.Time, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var best time.Time
	found := false
	for e := range w.timers.All(s) {
		if !found || e.Value.deadline.Before(best) {
			best, found = e.Value.deadline, true
		}
	}
	return best, found
}

// Expire removes every timer due at now, then fires them once no reader
// can still be looking at them.
func (w *Wheel) Expire(now time.Time) int {
	var due []*timer
	w.mu.Lock()
	for e := range w.timers.AllProtected(&w.mu) {
		if !e.Value.deadline.After(now) {
			w.timers.Remove(e)
			due = append(due, e.Value)
		}
	}
	w.mu.Unlock()
	if len(due) == 0 {
		return 0
	}
	rcuapi.Synchronize()
	for _, t := range due {
		close(t.fired)
	}
	return len(due)
}
