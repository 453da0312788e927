// Case: event loop retires session snapshots with SRCU Call on every event, never limiting the backlog
// Source: call_srcu() in an unbounded event loop with nothing that throttles it (Documentation/RCU/checklist.rst item 8)
// Kind: bad
// Pair: callforeverfix

package callforever

import (
	"context"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type event struct {
	user  string
	token string
}

type snapshot struct {
	tokens map[string]string // user -> token
	arena  []byte
}

var arenas sync.Pool

// Auth is read under authSRCU: checks may wait on a remote revocation list.
type Auth struct {
	mu       sync.Mutex
	authSRCU rcuapi.SRCU
	cur      rcuapi.Pointer[snapshot]
}

func (a *Auth) apply(ev event) *snapshot {
	a.mu.Lock()
	defer a.mu.Unlock()
	old := a.cur.Protected(&a.mu)
	next := &snapshot{tokens: map[string]string{ev.user: ev.token}}
	if old != nil {
		for u, t := range old.tokens {
			if u != ev.user {
				next.tokens[u] = t
			}
		}
	}
	a.cur.Assign(next)
	return old
}

// Loop applies login events until ctx is done.
func (a *Auth) Loop(ctx context.Context, events <-chan event) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-events:
			old := a.apply(ev)
			if old == nil {
				continue
			}
			a.authSRCU.Call(func() { arenas.Put(old.arena) }) // expect RCU4002
		}
	}
}

// Token returns the current token of user.
func (a *Auth) Token(user string) string {
	s := a.authSRCU.ReadLock()
	defer a.authSRCU.ReadUnlock(s)
	if sn := a.cur.Dereference(s); sn != nil {
		return sn.tokens[user]
	}
	return ""
}
