// Case: log-structured store retires old segments with polled grace periods: the cookie is taken after the unpublish and checked later
// Source: idiom: get_state_synchronize_rcu() after removal, then poll_state_synchronize_rcu()/cond_synchronize_rcu() before freeing (kernel-doc of the polled grace-period API)
// Kind: idiom

package polledgp

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type segment struct {
	name string
	f    *os.File
	keys map[string]int64
}

type retired struct {
	seg    *segment
	cookie rcuapi.GPState
}

type Store struct {
	mu      sync.Mutex
	head    rcuapi.Pointer[segment]
	pending []retired // under mu
}

// Rotate publishes a new head segment and remembers the old one with a
// grace-period cookie taken after it was unpublished.
func (st *Store) Rotate(next *segment) {
	st.mu.Lock()
	defer st.mu.Unlock()
	old := st.head.Replace(next, &st.mu)
	if old != nil {
		st.pending = append(st.pending, retired{seg: old, cookie: rcuapi.StartPoll()})
	}
}

// Reap closes the retired segments whose grace period has completed; it
// never waits.
func (st *Store) Reap() int {
	st.mu.Lock()
	var done []*segment
	keep := st.pending[:0]
	for _, r := range st.pending {
		if rcuapi.PollState(r.cookie) {
			done = append(done, r.seg)
		} else {
			keep = append(keep, r)
		}
	}
	st.pending = keep
	st.mu.Unlock()
	for _, sg := range done {
		sg.f.Close()
	}
	return len(done)
}

// Drain waits for every retired segment's grace period and closes them.
func (st *Store) Drain() {
	st.mu.Lock()
	all := st.pending
	st.pending = nil
	st.mu.Unlock()
	for _, r := range all {
		rcuapi.CondSynchronize(r.cookie)
		r.seg.f.Close()
	}
}

// Offset looks a key up in the head segment.
func (st *Store) Offset(k string) (int64, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	off, ok := st.head.Dereference(s).keys[k]
	return off, ok
}
