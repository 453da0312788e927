// Case: QSBR session worker caches the session it found and uses it after announcing a quiescent state
// Source: urcu-qsbr: rcu_quiescent_state() declares that the thread holds no RCU-protected reference, so a pointer kept across it may be freed (https://github.com/urcu/userspace-rcu doc/rcu-api.md)
// Kind: bad
// Pair: qsbrkeepfix

package qsbrkeep

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct {
	id      uint64
	user    string
	expires time.Time
	scopes  []string
}

type table struct {
	byID map[uint64]*session
}

type Auth struct {
	q   rcuapi.QSBR
	mu  sync.Mutex
	cur rcuapi.Pointer[table]
}

type Check struct {
	Session uint64
	Scope   string
	OK      chan bool // buffered by the caller
}

func (se *session) allows(scope string, now time.Time) bool {
	if now.After(se.expires) {
		return false
	}
	for _, sc := range se.scopes {
		if sc == scope {
			return true
		}
	}
	return false
}

// Worker answers checks; it remembers the last session because clients
// usually send several checks in a row.
func (a *Auth) Worker(checks <-chan Check) {
	r := a.q.Register()
	defer r.Unregister()
	var last *session
	for {
		r.Offline()
		c, ok := <-checks
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		if last == nil || last.id != c.Session { // expect RCU1002
			last = a.cur.Dereference(s).byID[c.Session]
		}
		allowed := last != nil && last.allows(c.Scope, time.Now())
		r.ReadUnlock(s)
		r.Quiescent()
		select {
		case c.OK <- allowed:
		default:
		}
	}
}

// Revoke removes a session and wipes its scopes after the grace period.
func (a *Auth) Revoke(id uint64) {
	a.mu.Lock()
	old := a.cur.Protected(&a.mu)
	next := &table{byID: make(map[uint64]*session, len(old.byID))}
	for k, v := range old.byID {
		if k != id {
			next.byID[k] = v
		}
	}
	a.cur.Assign(next)
	a.mu.Unlock()
	a.q.Synchronize()
	if s := old.byID[id]; s != nil {
		clear(s.scopes)
	}
}
