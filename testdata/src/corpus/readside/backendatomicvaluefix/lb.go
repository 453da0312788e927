// Case: the debug endpoint keeps the backend's address (a netip.AddrPort value), not the protected backend
// Source: issue 13 items 1 and 8: an opaque value type copied out of the section is not a protected pointer
// Kind: fixed
// Pair: backendatomicvalue

package backendatomicvaluefix

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
	sticky atomic.Value // netip.AddrPort of the backend used last
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
	sticky.Store(b.Addr)
	_, err := b.conn.Write(msg)
	return err
}

// Last reports the address of the backend used last.
func Last() netip.AddrPort {
	ap, _ := sticky.Load().(netip.AddrPort)
	return ap
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
