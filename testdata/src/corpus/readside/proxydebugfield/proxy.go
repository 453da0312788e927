// Case: a proxy stores the upstream it picked under an SRCU section into fields of a package-level server object (debug info and pinning map)
// Source: issue 13 item 8 (field of an object reachable from a package variable); KVM commit 7788255aba65 "KVM: Implement barriers before accessing kvm->buses[] on SRCU read paths" (https://git.ipfire.org/cgi-bin/gitweb.cgi?a=commit&h=7788255aba6545a27b8d143c5256536f8dfb2c0a&p=thirdparty%2Fkernel%2Flinux.git): an SRCU reader must not obtain a long-term reference
// Kind: bad
// Pair: proxydebugfieldfix

package proxydebugfield

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
	last *Upstream
}

// Server is the process-wide proxy state.
type Server struct {
	debug  debugInfo
	pinMu  sync.Mutex
	pinned map[string]*Upstream // client -> upstream it is pinned to
}

var (
	dom       rcuapi.SRCU // readers copy to the upstream connection
	mu        sync.Mutex
	upstreams rcuapi.Pointer[Upstreams]
	srv       = &Server{pinned: map[string]*Upstream{}}
)

// Forward copies body to the upstream chosen for client.
func Forward(client string, hash int, body io.Reader) error {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	list := upstreams.Dereference(s).list
	u := list[hash%len(list)]
	srv.debug.mu.Lock()
	srv.debug.last = u // expect RCU1002
	srv.debug.mu.Unlock()
	srv.pinMu.Lock()
	srv.pinned[client] = u // expect RCU1002
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
