// Case: session found under RCU is used for blocking I/O after its section ended (NFS delegation shape)
// Source: Linux commit 542b11c07283 "NFS: take a delegation reference in nfs4_get_valid_delegation" (https://git.ipfire.org/cgi-bin/gitweb.cgi?a=commit&h=542b11c0728335a1e06f61dc71b48e9bbbe13169&p=thirdparty%2Fkernel%2Flinux.git): an object found under rcu_read_lock() was used for blocking work without a stable reference
// Kind: bad
// Pair: nfsdelegationuaffix

package nfsdelegationuaf

import (
	"errors"
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Session is one client session. Expire closes its connection once no
// reader can still see the session.
type Session struct {
	ID   string
	User string
	conn net.Conn
}

var errNoSession = errors.New("no such session")

// sessions is read under classic RCU; Expire retires deleted sessions after
// a classic grace period.
var sessions rcuapi.Map[string, *Session]

// Open registers a new session.
func Open(id, user string, c net.Conn) {
	sessions.Store(id, &Session{ID: id, User: user, conn: c})
}

// Push sends msg to the client of session id.
func Push(id string, msg []byte) error {
	s := rcuapi.ReadLock()
	sess, ok := sessions.Load(s, id)
	rcuapi.ReadUnlock(s)
	if !ok {
		return errNoSession
	}
	_, err := sess.conn.Write(msg) // expect RCU1002
	return err
}

// Owner reports the user of session id.
func Owner(id string) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	sess, ok := sessions.Load(s, id)
	if !ok {
		return "", false
	}
	return sess.User, true
}

// Expire removes session id and closes its connection after a grace period.
func Expire(id string) {
	old, ok := sessions.Delete(id)
	if !ok {
		return
	}
	rcuapi.Synchronize()
	old.conn.Close()
}
