package rcu2004

import (
	"net"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// An upstream with a reference count: one base reference while it is
// published, one more per borrower taken in a section (tryGet). Dropping
// the base reference right after Replace is no destroy: the last borrower
// closes the connection.
type upstream struct {
	conn net.Conn
	refs atomic.Int32
}

func (u *upstream) tryGet() bool {
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

func (u *upstream) release() {
	if u.refs.Add(-1) == 0 {
		u.conn.Close()
	}
}

// closeNow closes whatever the count says.
func (u *upstream) closeNow() {
	u.refs.Store(0)
	u.conn.Close()
}

type director struct {
	mu      sync.Mutex
	primary rcuapi.Pointer[upstream]
}

func (d *director) acquire() *upstream {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if u := d.primary.Dereference(s); u != nil && u.tryGet() {
		return u
	}
	return nil
}

func (d *director) okFailover(next *upstream) {
	next.refs.Store(1)
	d.mu.Lock()
	old := d.primary.Replace(next, &d.mu)
	d.mu.Unlock()
	if old != nil {
		old.release()
	}
}

func (d *director) failoverHard(next *upstream) {
	next.refs.Store(1)
	d.mu.Lock()
	old := d.primary.Replace(next, &d.mu)
	d.mu.Unlock()
	if old != nil {
		old.closeNow() // want `RCU2004: closeNow destroys an object that Replace unpublished`
	}
}

// Wiping the old session's keys right after Replace changes what readers
// that still hold it read; after Synchronize nobody does.
type ticketSession struct{ keys [][32]byte }

func (s *ticketSession) wipe() {
	for i := range s.keys {
		s.keys[i] = [32]byte{}
	}
}

type ticketListener struct {
	mu      sync.Mutex
	session rcuapi.Pointer[ticketSession]
}

func (l *ticketListener) key() [32]byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return l.session.Dereference(s).keys[0]
}

func (l *ticketListener) rotate(next *ticketSession) {
	l.mu.Lock()
	old := l.session.Replace(next, &l.mu)
	l.mu.Unlock()
	if old != nil {
		old.wipe() // want `RCU2004: wipe, which writes into it, changes an object that Replace unpublished`
	}
}

func (l *ticketListener) rotateInline(next *ticketSession) {
	l.mu.Lock()
	old := l.session.Replace(next, &l.mu)
	l.mu.Unlock()
	if old != nil {
		old.keys[0] = [32]byte{} // want `RCU2004: this write changes an object that Replace unpublished`
	}
}

func (l *ticketListener) okRotate(next *ticketSession) {
	l.mu.Lock()
	old := l.session.Replace(next, &l.mu)
	l.mu.Unlock()
	if old != nil {
		rcuapi.Synchronize()
		old.wipe()
	}
}
