// Case: chat server heartbeat records the time beside the published presence record, which stays immutable
// Source: a reader modifying an RCU-protected object in place through a helper (Documentation/RCU/checklist.rst item 3; rcuvet issue 13 class 16)
// Kind: fixed
// Pair: crosspkgwrite

package crosspkgwritefix

import (
	"slices"
	"sync"
	"time"

	"fixtures/heldout/updateside/crosspkgwritefix/presence"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Server struct {
	mu       sync.Mutex
	byUser   rcuapi.Map[string, *presence.Record]
	lastSeen sync.Map // user -> time.Time, written by heartbeats
}

// Heartbeat is called by every connected client every few seconds.
func (sv *Server) Heartbeat(user string, now time.Time) bool {
	s := rcuapi.ReadLock()
	_, ok := sv.byUser.Load(s, user)
	rcuapi.ReadUnlock(s)
	if !ok {
		return false
	}
	sv.lastSeen.Store(user, now)
	return true
}

// IsOnline is read by the roster.
func (sv *Server) IsOnline(user string, now time.Time) bool {
	v, ok := sv.lastSeen.Load(user)
	return ok && presence.Online(v.(time.Time), now, 30*time.Second)
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
