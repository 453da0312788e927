// Case: upstream pool swap closes the old connections right after unpublishing them
// Source: kfree()/close of the old object right after rcu_assign_pointer() with no synchronize_rcu() (Documentation/RCU/checklist.rst item 15; whatisRCU.rst "unpublish, wait, then free")
// Kind: bad
// Pair: closebeforegpfix

package closebeforegp

import (
	"net"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type connSet struct {
	conns []net.Conn
	next  int
}

// Close closes every connection of the set.
func (c *connSet) Close() error {
	var first error
	for _, cn := range c.conns {
		if err := cn.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

type Upstream struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[connSet]
}

// Pick returns the remote address of one connection of the current set.
func (u *Upstream) Pick(i int) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	set := u.cur.Dereference(s)
	if set == nil || len(set.conns) == 0 {
		return "", false
	}
	return set.conns[i%len(set.conns)].RemoteAddr().String(), true
}

// Redial replaces every connection.
func (u *Upstream) Redial(addrs []string) error {
	next := &connSet{}
	for _, a := range addrs {
		c, err := net.DialTimeout("tcp", a, time.Second)
		if err != nil {
			next.Close()
			return err
		}
		next.conns = append(next.conns, c)
	}
	u.mu.Lock()
	old := u.cur.Replace(next, &u.mu)
	u.mu.Unlock()
	if old != nil {
		old.Close() // expect RCU2004
	}
	return nil
}
