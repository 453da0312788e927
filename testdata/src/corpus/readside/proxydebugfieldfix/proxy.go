// Case: the package-level server object keeps upstream names (strings), never the protected upstreams
// Source: issue 13 item 8; fix: store keys and values copied out of the section
// Kind: fixed
// Pair: proxydebugfield

package proxydebugfieldfix

import (
	"io"
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Upstream is a backend; its connection is closed when it is retired.
type Upstream struct {
	Name string
	conn net.Conn
}

// Upstreams is the current set, replaced as a whole.
type Upstreams struct {
	list []*Upstream
}

type debugInfo struct {
	mu   sync.Mutex
	last string
}

// Server is the process-wide proxy state.
type Server struct {
	debug  debugInfo
	pinMu  sync.Mutex
	pinned map[string]string // client -> name of the upstream it is pinned to
}

var (
	dom       rcuapi.SRCU // readers copy to the upstream connection
	mu        sync.Mutex
	upstreams rcuapi.Pointer[Upstreams]
	srv       = &Server{pinned: map[string]string{}}
)

// Forward copies body to the upstream chosen for client.
func Forward(client string, hash int, body io.Reader) error {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	list := upstreams.Dereference(s).list
	u := list[hash%len(list)]
	srv.debug.mu.Lock()
	srv.debug.last = u.Name
	srv.debug.mu.Unlock()
	srv.pinMu.Lock()
	srv.pinned[client] = u.Name
	srv.pinMu.Unlock()
	_, err := io.Copy(u.conn, body)
	return err
}

// SetUpstreams publishes next and closes the old connections after a grace period.
func SetUpstreams(next *Upstreams) {
	mu.Lock()
	old := upstreams.Replace(next, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	dom.Synchronize()
	for _, u := range old.list {
		u.conn.Close()
	}
}
