// Case: connection pool reconnect hands the old set to a goroutine that waits for the senders' SRCU grace period before closing it
// Source: Documentation/RCU/checklist.rst item 15; whatisRCU.rst (the old version may be reclaimed only after synchronize_srcu() returns)
// Kind: fixed
// Pair: reconnectdefer

package reconnectdeferfix

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
		go func() {
			p.dom.Synchronize()
			old.closeAll()
		}()
	}
	p.gen++
	return nil
}
