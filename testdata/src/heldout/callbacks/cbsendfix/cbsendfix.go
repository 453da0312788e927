// Case: RCU callback reports reclaimed sessions with a send that cannot wait
// Source: call_rcu() callback that waits for another thread (a completion or queue that can fill), stalling callback processing (Documentation/RCU/checklist.rst item 5; ipc_schedule_free() defers such work to a workqueue)
// Kind: fixed
// Pair: cbsend

package cbsendfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct {
	id    uint64
	user  string
	token []byte
}

type Sessions struct {
	mu      sync.Mutex
	byID    rcuapi.Map[uint64, *session]
	Evicted chan uint64 // read by the audit goroutine
}

func New() *Sessions {
	return &Sessions{Evicted: make(chan uint64, 256)}
}

// noteEvicted tells the auditor that a session is gone for good; when the
// auditor lags, the notice is dropped rather than stall the callback.
func (ss *Sessions) noteEvicted(id uint64) {
	select {
	case ss.Evicted <- id:
	default:
	}
}

// Logout removes the session and scrubs its token after a grace period.
func (ss *Sessions) Logout(id uint64) {
	old, ok := ss.byID.Delete(id)
	if !ok {
		return
	}
	rcuapi.Call(func() {
		clear(old.token)
		ss.noteEvicted(old.id)
	})
}

// User returns the user of a session.
func (ss *Sessions) User(id uint64) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	se, ok := ss.byID.Load(s, id)
	if !ok {
		return "", false
	}
	return se.user, true
}
