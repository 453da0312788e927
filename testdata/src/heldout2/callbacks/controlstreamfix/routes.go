// Case: control connection handler waits for queued releases with Barrier whenever the callback backlog passes a limit
// Source: Documentation/RCU/checklist.rst item 8 (a call_rcu() loop driven from user space can exhaust memory; throttle it, for example with rcu_barrier() when too many callbacks are queued)
// Kind: fixed
// Pair: controlstream

package controlstreamfix

import (
	"bufio"
	"io"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const maxPendingReleases = 4096

type route struct {
	prefix  string
	target  string
	scratch *[]byte // per-route rewrite buffer from bufPool
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// release returns the route's buffer to the pool; it runs once no reader
// can still be rewriting into it.
func (r *route) release() {
	*r.scratch = (*r.scratch)[:0]
	bufPool.Put(r.scratch)
}

type Server struct {
	routes rcuapi.Map[string, *route]
}

// Add installs a route.
func (sv *Server) Add(prefix, target string) {
	r := &route{prefix: prefix, target: target, scratch: bufPool.Get().(*[]byte)}
	if old, ok := sv.routes.Swap(prefix, r); ok {
		rcuapi.Call(old.release)
	}
}

// ServeControl applies "DEL <prefix>" commands read from a control
// connection until it closes.
func (sv *Server) ServeControl(conn io.Reader) error {
	sc := bufio.NewScanner(conn)
	for sc.Scan() {
		cmd, prefix, ok := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		if !ok || cmd != "DEL" {
			continue
		}
		if old, ok := sv.routes.Delete(prefix); ok {
			if rcuapi.Pending() > maxPendingReleases {
				rcuapi.Barrier()
			}
			rcuapi.Call(old.release)
		}
	}
	return sc.Err()
}
