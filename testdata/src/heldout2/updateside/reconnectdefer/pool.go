// Case: connection pool reconnect publishes the new connection set and defers closing the old set to the end of the function, with no grace period in between
// Source: Documentation/RCU/checklist.rst item 15; whatisRCU.rst (the old version may be reclaimed only after synchronize_srcu() returns)
// Kind: bad
// Pair: reconnectdeferfix

package reconnectdefer

import (
	"errors"
	"net"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoConn = errors.New("pool: no connections")

type connSet struct {
	conns []net.Conn
}

func (cs *connSet) closeAll() {
	for _, c := range cs.conns {
		c.Close()
	}
}

// Pool sends frames over a set of connections. Senders write inside an SRCU
// section, so a write may block.
type Pool struct {
	mu   sync.Mutex // serialises Reconnect
	dom  rcuapi.SRCU
	cur  rcuapi.Pointer[connSet]
	next atomic.Uint64
	gen  int // guarded by mu
	dial func(addr string) (net.Conn, error)
}

// Send writes one frame on the next connection.
func (p *Pool) Send(frame []byte) error {
	s := p.dom.ReadLock()
	defer p.dom.ReadUnlock(s)
	cs := p.cur.Dereference(s)
	if cs == nil || len(cs.conns) == 0 {
		return ErrNoConn
	}
	_, err := cs.conns[p.next.Add(1)%uint64(len(cs.conns))].Write(frame)
	return err
}

// Reconnect dials every address and swaps the new connections in.
func (p *Pool) Reconnect(addrs []string) error {
	next := &connSet{}
	for _, a := range addrs {
		c, err := p.dial(a)
		if err != nil {
			next.closeAll()
			return err
		}
		next.conns = append(next.conns, c)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	old := p.cur.Replace(next, &p.mu)
	if old != nil {
		defer old.closeAll() // expect RCU2004
	}
	p.gen++
	return nil
}
