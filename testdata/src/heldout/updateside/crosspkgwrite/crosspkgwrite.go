// Case: chat server heartbeat updates the published presence record in place through another package's method
// Source: a reader modifying an RCU-protected object in place through a helper (Documentation/RCU/checklist.rst item 3; rcuvet issue 13 class 16)
// Kind: bad
// Pair: crosspkgwritefix

package crosspkgwrite

import (
	"slices"
	"sync"
	"time"

	"fixtures/heldout/updateside/crosspkgwrite/presence"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Server struct {
	mu     sync.Mutex
	byUser rcuapi.Map[string, *presence.Record]
}

// Heartbeat is called by every connected client every few seconds.
func (sv *Server) Heartbeat(user string, now time.Time) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	r, ok := sv.byUser.Load(s, user)
	if !ok {
		return false
	}
	r.Touch(now) // expect RCU2002
	return true
}

// IsOnline is read by the roster.
func (sv *Server) IsOnline(user string, now time.Time) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	r, ok := sv.byUser.Load(s, user)
	return ok && r.Online(now, 30*time.Second)
}

// SetStatus publishes a copy of the record with a new status.
func (sv *Server) SetStatus(user, status string) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	s := rcuapi.ReadLock()
	old, ok := sv.byUser.Load(s, user)
	var next presence.Record
	if ok {
		next = *old
		next.Devices = slices.Clone(old.Devices)
	}
	rcuapi.ReadUnlock(s)
	next.User, next.Status = user, status
	sv.byUser.Store(user, &next)
}
