// Case: session list unlinks an expired session with Remove and then queues its Close with Call
// Source: Linux list_del_rcu() kernel-doc and Documentation/RCU/listRCU.rst (list_del_rcu() first, then call_rcu()/kfree_rcu()); Documentation/RCU/checklist.rst item 15
// Kind: fixed
// Pair: callbeforeremovebad

package callbeforeremovefixed

import (
	"net"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct {
	user    string
	conn    net.Conn
	expires time.Time
}

// Close ends the session's connection.
func (s *session) Close() error { return s.conn.Close() }

var (
	mu       sync.Mutex
	sessions rcuapi.List[*session]
)

// Online reports whether user has a live session.
func Online(user string, now time.Time) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range sessions.All(s) {
		if e.Value.user == user && now.Before(e.Value.expires) {
			return true
		}
	}
	return false
}

// Start adds a session.
func Start(user string, c net.Conn, ttl time.Duration) {
	mu.Lock()
	sessions.PushBack(&session{user: user, conn: c, expires: time.Now().Add(ttl)})
	mu.Unlock()
}

// Expire closes and unlinks the sessions that expired before now.
func Expire(now time.Time) int {
	n := 0
	mu.Lock()
	defer mu.Unlock()
	for e := range sessions.AllProtected(&mu) {
		if now.Before(e.Value.expires) {
			continue
		}
		sessions.Remove(e)
		sess := e.Value
		rcuapi.Call(func() { sess.Close() })
		n++
	}
	return n
}
