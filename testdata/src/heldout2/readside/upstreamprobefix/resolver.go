// Case: resolver walking its RCU list of upstreams starts each probe with the upstream's name and address, and records the outcome by name
// Source: Documentation/RCU/listRCU.rst and checklist.rst item 2 (an element found by list_for_each_entry_rcu() may be freed once the section ends unless a reference is taken)
// Kind: fixed
// Pair: upstreamprobe

package upstreamprobefix

import (
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Upstream is one DNS server. Removed upstreams have their UDP socket
// closed after a grace period.
type Upstream struct {
	Name      string
	Addr      netip.AddrPort
	conn      *net.UDPConn
	lastOK    atomic.Int64 // unix nanoseconds of the last good answer
	unhealthy atomic.Bool
}

type Resolver struct {
	mu        sync.Mutex // serialises changes of upstreams
	upstreams rcuapi.List[*Upstream]
	dial      func(netip.AddrPort) bool
}

// CheckStale starts a probe of every upstream that has not answered for
// longer than maxAge.
func (r *Resolver) CheckStale(now time.Time, maxAge time.Duration) int {
	started := 0
	s := rcuapi.ReadLock()
	for e := range r.upstreams.All(s) {
		u := e.Value
		if now.Sub(time.Unix(0, u.lastOK.Load())) < maxAge {
			continue
		}
		go r.probe(u.Name, u.Addr)
		started++
	}
	rcuapi.ReadUnlock(s)
	return started
}

func (r *Resolver) probe(name string, addr netip.AddrPort) {
	r.markByName(name, r.dial(addr))
}

// markByName records a probe's outcome on the upstream currently listed
// under name, if any.
func (r *Resolver) markByName(name string, ok bool) {
	s := rcuapi.ReadLock()
	for e := range r.upstreams.All(s) {
		if u := e.Value; u.Name == name {
			u.unhealthy.Store(!ok)
			if ok {
				u.lastOK.Store(time.Now().UnixNano())
			}
			break
		}
	}
	rcuapi.ReadUnlock(s)
}

// Remove unlists an upstream and closes its socket once no reader can be
// using it.
func (r *Resolver) Remove(name string) {
	r.mu.Lock()
	var gone *Upstream
	for e := range r.upstreams.AllProtected(&r.mu) {
		if e.Value.Name == name {
			gone = e.Value
			r.upstreams.Remove(e)
			break
		}
	}
	r.mu.Unlock()
	if gone == nil {
		return
	}
	rcuapi.Synchronize()
	gone.conn.Close()
}
