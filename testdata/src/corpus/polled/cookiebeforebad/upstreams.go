// Case: proxy starts a polled grace period before it unpublishes the old upstream set, to overlap the wait with building the new one, then closes the old set after CondSynchronize on that early cookie
// Source: Linux get_state_synchronize_rcu()/start_poll_synchronize_rcu() kernel-doc (the cookie covers only readers that began before it was taken: take it after removing the object); Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: cookiebeforefixed

package cookiebeforebad

import (
	"net"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type upstreamSet struct {
	addrs []string
	conns []net.Conn
}

// Close closes every connection of the set.
func (u *upstreamSet) Close() error {
	for _, c := range u.conns {
		c.Close()
	}
	return nil
}

var (
	mu      sync.Mutex
	cur     rcuapi.Pointer[upstreamSet]
	history [][]string // past upstream lists, guarded by mu
)

// Pick returns the address of upstream i modulo the set size.
func Pick(i int) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	u := cur.Dereference(s)
	if u == nil || len(u.addrs) == 0 {
		return ""
	}
	return u.addrs[i%len(u.addrs)]
}

// Switch dials addrs, publishes them as the upstream set and closes the
// previous set once no Pick can be using it.
func Switch(addrs []string) error {
	gp := rcuapi.StartPoll() // let the grace period run while we dial

	nu := &upstreamSet{addrs: addrs}
	for _, a := range addrs {
		c, err := net.DialTimeout("tcp", a, time.Second)
		if err != nil {
			nu.Close()
			return err
		}
		nu.conns = append(nu.conns, c)
	}

	mu.Lock()
	old := cur.Replace(nu, &mu)
	mu.Unlock()
	if old == nil {
		return nil
	}
	mu.Lock()
	history = append(history, old.addrs)
	mu.Unlock()
	rcuapi.CondSynchronize(gp)
	return old.Close() // expect RCU2004
}
