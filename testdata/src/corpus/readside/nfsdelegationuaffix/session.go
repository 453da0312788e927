// Case: session found under RCU is pinned with an increment-unless-zero reference before the section ends (NFS delegation fix)
// Source: Linux commit 542b11c07283 "NFS: take a delegation reference in nfs4_get_valid_delegation" (https://git.ipfire.org/cgi-bin/gitweb.cgi?a=commit&h=542b11c0728335a1e06f61dc71b48e9bbbe13169&p=thirdparty%2Fkernel%2Flinux.git): refcount_inc_not_zero() under RCU gives the caller a stable reference it can use after rcu_read_unlock()
// Kind: fixed
// Pair: nfsdelegationuaf

package nfsdelegationuaffix

import (
	"errors"
	"net"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Session is one client session. refs counts the map's reference plus one
// per user; the last put closes the connection.
type Session struct {
	ID   string
	User string
	refs atomic.Int32
	conn net.Conn
}

// tryGet takes a reference unless the session is already dying.
func (s *Session) tryGet() bool {
	for {
		n := s.refs.Load()
		if n == 0 {
			return false
		}
		if s.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (s *Session) put() {
	if s.refs.Add(-1) == 0 {
		s.conn.Close()
	}
}

var errNoSession = errors.New("no such session")

var sessions rcuapi.Map[string, *Session]

// Open registers a new session.
func Open(id, user string, c net.Conn) {
	sess := &Session{ID: id, User: user, conn: c}
	sess.refs.Store(1)
	sessions.Store(id, sess)
}

// Push sends msg to the client of session id.
func Push(id string, msg []byte) error {
	s := rcuapi.ReadLock()
	sess, ok := sessions.Load(s, id)
	if ok && !sess.tryGet() {
		ok = false
	}
	rcuapi.ReadUnlock(s)
	if !ok {
		return errNoSession
	}
	defer sess.put()
	_, err := sess.conn.Write(msg)
	return err
}

// Expire removes session id; the last user closes its connection.
func Expire(id string) {
	old, ok := sessions.Delete(id)
	if !ok {
		return
	}
	rcuapi.Synchronize()
	old.put()
}
