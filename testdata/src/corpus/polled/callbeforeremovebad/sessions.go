// Case: session list queues the Close of an expired session with Call and only then unlinks it with Remove
// Source: Linux list_del_rcu() kernel-doc and Documentation/RCU/listRCU.rst (list_del_rcu() first, then call_rcu()/kfree_rcu()); Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: callbeforeremovefixed

package callbeforeremovebad

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct {
	user    string
	out     chan []byte // drained by the session's writer goroutine
	expires time.Time
}

// Close ends the session: its writer goroutine sees the channel closed and
// hangs up. A send after Close panics.
func (s *session) Close() error {
	close(s.out)
	return nil
}

var (
	mu       sync.Mutex
	sessions rcuapi.List[*session]
)

// Notify queues msg to user's sessions, dropping it where the queue is full.
func Notify(user string, msg []byte) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range sessions.All(s) {
		if e.Value.user == user {
			select {
			case e.Value.out <- msg:
			default:
			}
		}
	}
}

// Start adds a session and returns the queue its writer drains.
func Start(user string, ttl time.Duration) <-chan []byte {
	out := make(chan []byte, 32)
	mu.Lock()
	sessions.PushBack(&session{user: user, out: out, expires: time.Now().Add(ttl)})
	mu.Unlock()
	return out
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
		sess := e.Value
		rcuapi.Call(func() { sess.Close() }) // expect RCU2004
		sessions.Remove(e)
		n++
	}
	return n
}
