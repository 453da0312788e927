// Case: proxy takes its polled grace-period cookie right after it unpublishes the old upstream set, records the switch meanwhile, then closes the old set after CondSynchronize
// Source: Linux get_state_synchronize_rcu()/start_poll_synchronize_rcu() kernel-doc (the cookie covers only readers that began before it was taken: take it after removing the object); Documentation/RCU/checklist.rst item 15
// Kind: fixed
// Pair: cookiebeforebad

package cookiebeforefixed

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
// previous set once no Pick can be using it. The grace period starts when
// the old set is unpublished and runs while the switch is recorded.
func Switch(addrs []string) error {
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
	gp := rcuapi.StartPoll()
	mu.Lock()
	history = append(history, old.addrs)
	mu.Unlock()
	rcuapi.CondSynchronize(gp)
	return old.Close()
}
