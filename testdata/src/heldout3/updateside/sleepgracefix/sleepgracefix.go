// Case: connection pool rotation closes the old connections from a goroutine after a grace period of the senders' SRCU domain
// Source: hashicorp/boundary PR #2435 (old database handle closed after Swap on a fixed timer, an ad-hoc grace period); Documentation/RCU/checklist.rst item 15
// Kind: fixed
// Pair: updateside/sleepgrace

package sleepgracefix

import (
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type connSet struct {
	conns []net.Conn
}

type Pool struct {
	mu    sync.Mutex
	dom   rcuapi.SRCU // senders block on the network inside sections
	conns rcuapi.Pointer[connSet]
}

func (p *Pool) Send(shard int, msg []byte) error {
	s := p.dom.ReadLock()
	defer p.dom.ReadUnlock(s)
	cs := p.conns.Dereference(s)
	_, err := cs.conns[shard%len(cs.conns)].Write(msg)
	return err
}

func (p *Pool) Rotate(fresh []net.Conn) {
	p.mu.Lock()
	old := p.conns.Replace(&connSet{conns: fresh}, &p.mu)
	p.mu.Unlock()
	if old == nil {
		return
	}
	go func() {
		p.dom.Synchronize()
		for _, c := range old.conns {
			c.Close()
		}
	}()
}
