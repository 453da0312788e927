// Case: flushunderlock
// Source: Documentation/RCU/checklist.rst item 11 (synchronize_rcu()/rcu_barrier() while holding a lock the callbacks need deadlocks); kernel fixes moving rcu_barrier() out from under a mutex
// Kind: bad
// Pair: callbacks/flushunderlockfix
package flushunderlock

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Session struct {
	ID   string
	User string
}

type Store struct {
	mu      sync.Mutex
	freed   int // sessions whose memory was released, for the stats page
	current rcuapi.Pointer[map[string]*Session]
}

func (st *Store) Revoke(id string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	cur := *st.current.Protected(&st.mu)
	next := make(map[string]*Session, len(cur))
	for k, v := range cur {
		if k != id {
			next[k] = v
		}
	}
	st.current.Assign(&next)
	rcuapi.Call(func() {
		st.mu.Lock()
		st.freed++
		st.mu.Unlock()
	})
}

// Shutdown waits for every queued release before the store is dropped.
func (st *Store) Shutdown() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.current.Assign(&map[string]*Session{})
	rcuapi.Barrier() // expect RCU3003
	return st.freed
}
