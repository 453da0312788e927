// Case: session store's classic RCU callback that wipes retired sessions calls a helper which waits for the SRCU domain of the long-poll readers, a grace-period wait inside a callback
// Source: Documentation/RCU/checklist.rst items 5 and 6 (no synchronize_rcu()/synchronize_srcu() in a callback: chain another call_rcu() instead)
// Kind: bad
// Pair: -

package cbwait

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Session struct {
	ID     string
	Secret []byte
}

type Store struct {
	mu       sync.Mutex
	longPoll rcuapi.SRCU // long-poll handlers read sessions here and may block
	sessions rcuapi.Pointer[map[string]*Session]
}

// waitLongPoll makes sure no long-poll handler still holds a session.
func (st *Store) waitLongPoll() { st.longPoll.Synchronize() }

func (st *Store) Revoke(id string) {
	st.mu.Lock()
	cur := *st.sessions.Protected(&st.mu)
	victim, ok := cur[id]
	if !ok {
		st.mu.Unlock()
		return
	}
	next := make(map[string]*Session, len(cur))
	for k, v := range cur {
		if k != id {
			next[k] = v
		}
	}
	st.sessions.Replace(&next, &st.mu)
	st.mu.Unlock()
	rcuapi.Call(func() {
		st.waitLongPoll() // expect RCU3002
		clear(victim.Secret)
	})
}
