// Case: pinnedupstream
// Source: idiom: a reference taken inside the section (increment unless zero) pins the object after the section (Documentation/RCU/rcuref.rst, atomic_inc_not_zero)
// Kind: idiom
package pinnedupstream

import (
	"net"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Upstream struct {
	Addr string
	conn net.Conn
	refs atomic.Int32 // 1 while published, +1 per borrower
}

func (u *Upstream) tryGet() bool {
	for {
		n := u.refs.Load()
		if n == 0 {
			return false
		}
		if u.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// Release drops a reference; the last one closes the connection.
func (u *Upstream) Release() {
	if u.refs.Add(-1) == 0 {
		u.conn.Close()
	}
}

type Director struct {
	mu      sync.Mutex
	primary rcuapi.Pointer[Upstream]
}

// Acquire returns the primary, pinned; the caller must Release it.
func (d *Director) Acquire() *Upstream {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	u := d.primary.Dereference(s)
	if u == nil || !u.tryGet() {
		return nil
	}
	return u
}

func (d *Director) Failover(next *Upstream) {
	next.refs.Store(1)
	d.mu.Lock()
	old := d.primary.Replace(next, &d.mu)
	d.mu.Unlock()
	if old != nil {
		old.Release() // the base reference; borrowers hold their own
	}
}
