// Case: readers update atomic counters and flags of the protected objects in place, and SRCU readers take a per-object mutex
// Source: idiom: checklist item 3 (state that changes in place uses synchronisation the readers use as well); per-object locks are legal in SRCU readers (checklist item 14)
// Kind: idiom

package atomicfieldsinreaders

import (
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Upstream is a backend with live statistics.
type Upstream struct {
	Addr     netip.AddrPort
	requests atomic.Uint64
	lastUsed atomic.Int64
	draining atomic.Bool

	mu     sync.Mutex // guards window; taken only by SRCU readers
	window []time.Duration
}

// Pool is the set of upstreams.
type Pool struct {
	ups []*Upstream
}

var (
	mu      sync.Mutex
	pool    rcuapi.Pointer[Pool]
	statDom rcuapi.SRCU
	stats   rcuapi.Pointer[Pool] // the same upstreams, read under statDom
)

// Pick chooses the least used upstream that is not draining.
func Pick(now time.Time) netip.AddrPort {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var best *Upstream
	for _, u := range pool.Dereference(s).ups {
		if u.draining.Load() {
			continue
		}
		if best == nil || u.requests.Load() < best.requests.Load() {
			best = u
		}
	}
	if best == nil {
		return netip.AddrPort{}
	}
	best.requests.Add(1)
	best.lastUsed.Store(now.UnixNano())
	return best.Addr
}

// Drain marks addr as draining; readers see the flag change atomically.
func Drain(addr netip.AddrPort) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, u := range pool.Dereference(s).ups {
		if u.Addr == addr {
			u.draining.CompareAndSwap(false, true)
		}
	}
}

// Observe records a latency sample; it takes the upstream's lock, so it
// reads under the SRCU domain.
func Observe(addr netip.AddrPort, d time.Duration) {
	s := statDom.ReadLock()
	defer statDom.ReadUnlock(s)
	for _, u := range stats.Dereference(s).ups {
		if u.Addr == addr {
			u.mu.Lock()
			u.window = append(u.window, d)
			u.mu.Unlock()
		}
	}
}

// SetPool publishes p for both kinds of readers.
func SetPool(p *Pool) {
	mu.Lock()
	defer mu.Unlock()
	pool.Assign(p)
	stats.Assign(p)
}
