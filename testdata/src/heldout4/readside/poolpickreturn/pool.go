// Case: connection pool's Healthy returns the backend address slice of the published pool generation from inside a section with a deferred ReadUnlock, and the caller ranges over it later
// Source: bcachefs-tools PR #871 (interior pointers into RCU-managed objects handed out after the section); etcd PR #6896 (a slice shared with readers returned instead of copied); Documentation/RCU/checklist.rst item 2
// Kind: bad
// Pair: readside/poolpickreturnfix

package poolpickreturn

import (
	"net"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type generation struct {
	id      uint64
	healthy []string // addresses that passed the last probe round
}

type Pool struct {
	gen rcuapi.Pointer[generation]
}

// Healthy lists the addresses a new connection may go to.
func (p *Pool) Healthy() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	g := p.gen.Dereference(s)
	if g == nil {
		return nil
	}
	return g.healthy // expect RCU1002
}

// DialAny tries every healthy backend in turn.
func (p *Pool) DialAny(timeout time.Duration) (net.Conn, error) {
	var last error = net.ErrClosed
	for _, addr := range p.Healthy() {
		c, err := net.DialTimeout("tcp", addr, timeout)
		if err == nil {
			return c, nil
		}
		last = err
	}
	return nil, last
}
