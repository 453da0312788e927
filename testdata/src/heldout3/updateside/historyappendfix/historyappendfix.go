// Case: visit tracker checks for the session under a section and records the visit through the copying updater after it
// Source: Documentation/RCU/checklist.rst item 3 (readers must not update in place; copy, update the copy, publish); rcuapi.Map documentation
// Kind: fixed
// Pair: updateside/historyappend

package historyappendfix

import (
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Session struct {
	User    string
	History []string
}

type Tracker struct {
	mu       sync.Mutex // serialises record
	sessions rcuapi.Map[string, *Session]
}

// record publishes a copy of the session with the page appended.
func (t *Tracker) record(id, page string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := rcuapi.ReadLock()
	old, ok := t.sessions.Load(s, id)
	if !ok {
		rcuapi.ReadUnlock(s)
		return
	}
	next := &Session{User: old.User, History: append(slices.Clone(old.History), page)}
	rcuapi.ReadUnlock(s)
	t.sessions.Store(id, next)
}

// Visit runs on every page view.
func (t *Tracker) Visit(id, page string) {
	s := rcuapi.ReadLock()
	_, ok := t.sessions.Load(s, id)
	rcuapi.ReadUnlock(s)
	if ok {
		t.record(id, page)
	}
}

func (t *Tracker) Pages(id string) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	sess, ok := t.sessions.Load(s, id)
	if !ok {
		return 0
	}
	return len(sess.History)
}
