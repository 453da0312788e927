// Case: connection pool fills a miss with LoadOrStore inside an SRCU section of the map's flavour and uses the winning connection before the section ends; evicted connections are closed after that domain's grace period
// Source: idiom: rcuapi.Map.LoadOrStore documentation (protect a loaded actual with a section of the map's flavour; since LoadOrStore may block, that section must be SRCU)
// Kind: idiom

package srculoadorstore

import (
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Pool struct {
	dom   rcuapi.SRCU
	conns rcuapi.Map[string, net.Conn]
	dial  func(addr string) (net.Conn, error)
}

// Send writes msg on the pooled connection to addr, dialling on a miss.
func (p *Pool) Send(addr string, msg []byte) error {
	s := p.dom.ReadLock()
	defer p.dom.ReadUnlock(s)
	c, ok := p.conns.Load(s, addr)
	if !ok {
		fresh, err := p.dial(addr)
		if err != nil {
			return err
		}
		var loaded bool
		c, loaded = p.conns.LoadOrStore(addr, fresh)
		if loaded {
			fresh.Close() // lost the race; use the winner
		}
	}
	_, err := c.Write(msg)
	return err
}

// Evict drops the connection to addr once no sender can still be writing
// to it.
func (p *Pool) Evict(addr string) {
	old, ok := p.conns.Delete(addr)
	if !ok {
		return
	}
	p.dom.Synchronize()
	old.Close()
}
