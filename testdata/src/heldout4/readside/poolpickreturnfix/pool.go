// Case: connection pool's Healthy returns a clone of the published address slice
// Source: bcachefs-tools PR #871 (interior pointers into RCU-managed objects handed out after the section); etcd PR #6896 (a slice shared with readers returned instead of copied); Documentation/RCU/checklist.rst item 2
// Kind: fixed
// Pair: readside/poolpickreturn

package poolpickreturnfix

import (
	"net"
	"slices"
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
	return slices.Clone(g.healthy)
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
