// Case: connection module measures SRCU grace-period latency with a self-reposting callback closure that checks a quit channel; Exit closes it, then Barriers twice
// Source: Documentation/RCU/rcubarrier.rst (a callback that re-posts itself must be told to stop before srcu_barrier/rcu_barrier can drain it); rcutorture-style grace-period probes
// Kind: fixed
// Pair: probebad

package probefixed

import (
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct {
	peer netip.AddrPort
	born time.Time
}

var (
	dom    = rcuapi.NewSRCU("conns")
	mu     sync.Mutex
	conns  rcuapi.Map[uint64, *conn] // read under dom
	lastGP atomic.Int64              // how long the last grace period took, in ns
	probe  func()
	quit   chan struct{}
)

// Module is the connection tracker.
var Module = &rcuapi.Module{Name: "conntrack", Init: start, Exit: stop}

func start() error {
	quit = make(chan struct{})
	posted := time.Now()
	probe = func() {
		lastGP.Store(int64(time.Since(posted)))
		select {
		case <-quit:
			return
		default:
		}
		posted = time.Now()
		dom.Call(probe)
	}
	dom.Call(probe)
	return nil
}

// Track records a connection.
func Track(id uint64, peer netip.AddrPort) {
	mu.Lock()
	conns.Store(id, &conn{peer: peer, born: time.Now()})
	mu.Unlock()
}

// Forget drops a connection. Nothing is torn down: readers that still
// hold it keep it alive.
func Forget(id uint64) {
	mu.Lock()
	conns.Delete(id)
	mu.Unlock()
}

// Peer returns the peer of connection id.
func Peer(id uint64) (netip.AddrPort, bool) {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	c, ok := conns.Load(s, id)
	if !ok {
		return netip.AddrPort{}, false
	}
	return c.peer, true
}

// GracePeriod returns the latency of the last grace period of dom.
func GracePeriod() time.Duration { return time.Duration(lastGP.Load()) }

// stop closes quit, which ends the probe's chain. A probe already past its
// check may re-post once more: the first Barrier waits for it, the second
// for what it re-posted.
func stop() {
	close(quit)
	dom.Barrier()
	dom.Barrier()
}
