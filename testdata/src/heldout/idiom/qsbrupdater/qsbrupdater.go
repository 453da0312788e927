// Case: QSBR worker that also updates: it stays offline while it takes the update lock and a helper waits for the grace period, then goes online again
// Source: idiom: urcu-qsbr threads that call synchronize_rcu() put themselves offline around it (https://github.com/urcu/userspace-rcu doc/rcu-api.md); rcuapi QSBR docs
// Kind: idiom

package qsbrupdater

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type counters struct {
	byKey map[string]int
	spare []int
}

type Aggregator struct {
	q   rcuapi.QSBR
	mu  sync.Mutex
	cur rcuapi.Pointer[counters]
}

func (ag *Aggregator) swap(next *counters) *counters {
	ag.mu.Lock()
	defer ag.mu.Unlock()
	return ag.cur.Replace(next, &ag.mu)
}

// retire waits for the domain's grace period and scrubs old.
func (ag *Aggregator) retire(old *counters) {
	ag.q.Synchronize()
	clear(old.spare)
}

type Msg struct {
	Key   string
	Reset bool
	Done  chan int
}

// Worker answers reads and resets; resets publish a fresh set.
func (ag *Aggregator) Worker(msgs <-chan Msg) {
	r := ag.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		m, ok := <-msgs
		if !ok {
			return
		}
		if m.Reset {
			// Still offline: swap takes a lock and retire waits for the
			// grace period, neither of which an online handle may do.
			if old := ag.swap(&counters{byKey: map[string]int{}, spare: make([]int, 16)}); old != nil {
				ag.retire(old)
			}
			r.Online()
			close(m.Done)
			continue
		}
		r.Online()
		s := r.ReadLock()
		n := ag.cur.Dereference(s).byKey[m.Key]
		r.ReadUnlock(s)
		r.Quiescent()
		select {
		case m.Done <- n:
		default:
		}
	}
}
