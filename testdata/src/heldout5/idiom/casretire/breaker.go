// Case: casretire
// Source: idiom: lock-free updaters publish with CompareAndSwap and retire the replaced version with Call (Documentation/RCU/checklist.rst item 1; call_rcu())
// Kind: idiom
package casretire

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type State struct {
	Open     bool
	Failures int
	Since    time.Time
}

type Breaker struct {
	state   rcuapi.Pointer[State]
	recycle sync.Pool
}

func (b *Breaker) Allow() bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	st := b.state.Dereference(s)
	return st == nil || !st.Open
}

// Fail records a failure from any request goroutine.
func (b *Breaker) Fail(now time.Time, threshold int) {
	for {
		next, _ := b.recycle.Get().(*State)
		if next == nil {
			next = new(State)
		}
		*next = State{Failures: 1, Since: now}
		s := rcuapi.ReadLock()
		old := b.state.Dereference(s)
		if old != nil {
			next.Failures = old.Failures + 1
			next.Since = old.Since
		}
		rcuapi.ReadUnlock(s)
		next.Open = next.Failures >= threshold
		if b.state.CompareAndSwap(old, next) { // old is compared, not read
			if old != nil {
				// unpublished by this CAS: recycle once its readers are done
				rcuapi.Call(func() { b.recycle.Put(old) })
			}
			return
		}
		b.recycle.Put(next) // never published
	}
}
