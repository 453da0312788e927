// Case: the backend chosen under an SRCU section is published through an atomic.Value for a debug endpoint
// Source: issue 13 item 8 (atomic.Value.Store of a protected pointer); KVM commit 7788255aba65 "KVM: Implement barriers before accessing kvm->buses[] on SRCU read paths" (https://git.ipfire.org/cgi-bin/gitweb.cgi?a=commit&h=7788255aba6545a27b8d143c5256536f8dfb2c0a&p=thirdparty%2Fkernel%2Flinux.git) makes sure an SRCU reader cannot obtain a long-term reference
// Kind: bad
// Pair: backendatomicvaluefix

package backendatomicvalue

import (
	"errors"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Backend is one upstream server; its connection is closed when the pool
// that holds it is retired.
type Backend struct {
	Addr netip.AddrPort
	conn net.Conn
}

// Pool is the set of backends, replaced as a whole.
type Pool struct {
	backends []*Backend
}

var (
	dom    rcuapi.SRCU // readers of pool write to backends, so they may block
	mu     sync.Mutex
	pool   rcuapi.Pointer[Pool]
	sticky atomic.Value // *Backend: the backend used last, for /debug/lb
)

var errNoBackend = errors.New("no backend")

// Send writes msg to the backend that owns key.
func Send(key uint32, msg []byte) error {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	p := pool.Dereference(s)
	if len(p.backends) == 0 {
		return errNoBackend
	}
	b := p.backends[int(key%uint32(len(p.backends)))]
	sticky.Store(b) // expect RCU1002
	_, err := b.conn.Write(msg)
	return err
}

// Last reports the address of the backend used last.
func Last() netip.AddrPort {
	if b, ok := sticky.Load().(*Backend); ok && b != nil {
		return b.Addr
	}
	return netip.AddrPort{}
}

// SetPool publishes next and closes the old backends after a grace period.
func SetPool(next *Pool) {
	mu.Lock()
	old := pool.Replace(next, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	dom.Synchronize()
	for _, b := range old.backends {
		b.conn.Close()
	}
}
