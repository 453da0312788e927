// Case: shared detach helper unpublishes a session, waits for a grace period, and only then scrubs it in place; several callers use it
// Source: idiom: list_del_rcu()/rcu_assign_pointer(NULL), synchronize_rcu(), then modify or free the now-private object (Documentation/RCU/whatisRCU.rst); rcuvet issue 13 class 4
// Kind: idiom

package unpublishwrite

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct {
	user     string
	token    []byte
	ended    time.Time
	reason   string
	scrubbed bool
}

type Slot struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[session]
}

// detach unpublishes the session in sl, waits until no reader can hold
// it, and records why it ended. The writes are to a private object.
func detach(sl *Slot, reason string) *session {
	sl.mu.Lock()
	old := sl.cur.Replace(nil, &sl.mu)
	sl.mu.Unlock()
	if old == nil {
		return nil
	}
	rcuapi.Synchronize()
	old.ended = time.Now()
	old.reason = reason
	clear(old.token)
	old.scrubbed = true
	return old
}

// Logout ends the user's session.
func Logout(sl *Slot) string {
	if old := detach(sl, "logout"); old != nil {
		return old.user
	}
	return ""
}

// Expire ends every session older than max.
func Expire(slots []*Slot, max time.Duration, started func(*Slot) time.Time) int {
	n := 0
	for _, sl := range slots {
		if time.Since(started(sl)) > max && detach(sl, "expired") != nil {
			n++
		}
	}
	return n
}

// User reads the current session's user.
func (sl *Slot) User() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if se := sl.cur.Dereference(s); se != nil {
		return se.user
	}
	return ""
}

// Login publishes a fresh session.
func (sl *Slot) Login(user string, token []byte) {
	se := &session{user: user, token: token}
	sl.mu.Lock()
	sl.cur.Assign(se)
	sl.mu.Unlock()
}
