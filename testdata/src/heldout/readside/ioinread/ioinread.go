// Case: health checker dials every backend from inside a classic section
// Source: blocking network I/O under rcu_read_lock(), which stalls every grace period in the system (Documentation/RCU/checklist.rst item 2; stallwarn.rst)
// Kind: bad
// Pair: ioinreadfix

package ioinread

import (
	"context"
	"net"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type backend struct {
	name string
	addr string
}

type set struct {
	backends []*backend
}

type Health struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[set]
}

// probe opens a TCP connection to addr.
func probe(ctx context.Context, addr string) bool {
	var d net.Dialer
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// ProbeAll reports which backends accept connections.
func (h *Health) ProbeAll(ctx context.Context) map[string]bool {
	up := map[string]bool{}
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, b := range h.cur.Dereference(s).backends {
		up[b.name] = probe(ctx, b.addr) // expect RCU1005
	}
	return up
}

// SetBackends publishes a new backend set.
func (h *Health) SetBackends(bs []*backend) {
	h.mu.Lock()
	h.cur.Assign(&set{backends: bs})
	h.mu.Unlock()
}
