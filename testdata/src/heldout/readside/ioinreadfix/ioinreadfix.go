// Case: health checker copies names and addresses out, dials after the section
// Source: blocking network I/O under rcu_read_lock(), which stalls every grace period in the system (Documentation/RCU/checklist.rst item 2; stallwarn.rst)
// Kind: fixed
// Pair: ioinread

package ioinreadfix

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

type target struct{ name, addr string }

func (h *Health) targets() []target {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var ts []target
	for _, b := range h.cur.Dereference(s).backends {
		ts = append(ts, target{b.name, b.addr})
	}
	return ts
}

// ProbeAll reports which backends accept connections.
func (h *Health) ProbeAll(ctx context.Context) map[string]bool {
	up := map[string]bool{}
	for _, t := range h.targets() {
		up[t.name] = probe(ctx, t.addr)
	}
	return up
}

// SetBackends publishes a new backend set.
func (h *Health) SetBackends(bs []*backend) {
	h.mu.Lock()
	h.cur.Assign(&set{backends: bs})
	h.mu.Unlock()
}
