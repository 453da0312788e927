// Case: token check reads the expiry of a session found in an rcuapi.Map after its section ended
// Source: Documentation/RCU/checklist.rst item 2 and whatisRCU.rst (a pointer from rcu_dereference() may be used only until rcu_read_unlock()); kernel fixes that move rcu_read_unlock() below the last use of the object looked up
// Kind: bad
// Pair: sessionexpiryfix

package sessionexpiry

import (
	"errors"
	"slices"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	ErrNoSession = errors.New("session: unknown token")
	ErrExpired   = errors.New("session: expired")
)

// Session is one logged-in user. Sessions are replaced, never edited: a
// refresh stores a new *Session, and the old one's role list is scrubbed
// once no reader can still see it.
type Session struct {
	UserID  string
	Roles   []string
	Expires time.Time
}

// Identity is what request handlers get: a copy that outlives the section.
type Identity struct {
	UserID string
	Roles  []string
}

type Store struct {
	sessions rcuapi.Map[string, *Session]
	now      func() time.Time
}

func NewStore() *Store { return &Store{now: time.Now} }

// Authenticate resolves a bearer token to the identity it belongs to.
func (st *Store) Authenticate(token string) (Identity, error) {
	s := rcuapi.ReadLock()
	sess, ok := st.sessions.Load(s, token)
	if !ok {
		rcuapi.ReadUnlock(s)
		return Identity{}, ErrNoSession
	}
	id := Identity{UserID: sess.UserID, Roles: slices.Clone(sess.Roles)}
	rcuapi.ReadUnlock(s)
	if st.now().After(sess.Expires) { // expect RCU1002
		return Identity{}, ErrExpired
	}
	return id, nil
}

// Login stores a new session.
func (st *Store) Login(token string, sess *Session) {
	st.sessions.Store(token, sess)
}

// Refresh replaces a session and scrubs the old role list once no reader
// can still be looking at it.
func (st *Store) Refresh(token string, next *Session) {
	old, ok := st.sessions.Swap(token, next)
	if !ok {
		return
	}
	rcuapi.Synchronize()
	clear(old.Roles)
}
