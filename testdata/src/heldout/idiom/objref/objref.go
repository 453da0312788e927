// Case: connection lookup takes a reference with increment-unless-zero inside the section and uses the connection after it
// Source: idiom: kref_get_unless_zero()/refcount_inc_not_zero() under rcu_read_lock(), then use and put outside (Documentation/RCU/rcuref.rst)
// Kind: idiom

package objref

import (
	"io"
	"net"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Conn struct {
	id   uint64
	refs atomic.Int32 // 1 while registered, plus one per user
	nc   net.Conn
}

// tryGet takes a reference unless the connection is already dying.
func (c *Conn) tryGet() bool {
	for {
		n := c.refs.Load()
		if n <= 0 {
			return false
		}
		if c.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// put drops a reference; the last one closes the socket.
func (c *Conn) put() {
	if c.refs.Add(-1) == 0 {
		c.nc.Close()
	}
}

type Table struct {
	mu    sync.Mutex
	conns rcuapi.Map[uint64, *Conn]
}

// get returns the connection with a reference held, or nil.
func (t *Table) get(id uint64) *Conn {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c, ok := t.conns.Load(s, id)
	if !ok || !c.tryGet() {
		return nil
	}
	return c
}

// Send writes p to connection id; the write may block, so it runs outside
// any section, protected by the reference.
func (t *Table) Send(id uint64, p []byte) error {
	c := t.get(id)
	if c == nil {
		return io.ErrClosedPipe
	}
	defer c.put()
	_, err := c.nc.Write(p)
	return err
}

// Add registers nc under id with the table's reference.
func (t *Table) Add(id uint64, nc net.Conn) {
	c := &Conn{id: id, nc: nc}
	c.refs.Store(1)
	t.conns.Store(id, c)
}

// Remove unregisters id and drops the table's reference once no lookup can
// still be between Load and tryGet.
func (t *Table) Remove(id uint64) {
	c, ok := t.conns.Delete(id)
	if !ok {
		return
	}
	rcuapi.Synchronize()
	c.put()
}
