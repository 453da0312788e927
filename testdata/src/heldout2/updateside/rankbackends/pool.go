// Case: backend pool ranks backends by latency by sorting the published slice in place inside the reader's section
// Source: Documentation/RCU/checklist.rst item 3 (readers see updates in place; copy, update the copy, publish); whatisRCU.rst on read-copy-update
// Kind: bad
// Pair: rankbackendsfix

package rankbackends

import (
	"net/netip"
	"sort"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type backend struct {
	addr    netip.AddrPort
	latency time.Duration // measured when the set was built
	healthy bool
}

type backendSet struct {
	backends []backend
}

type Pool struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[backendSet]
}

func New() *Pool {
	p := &Pool{}
	p.cur.Init(&backendSet{})
	return p
}

// Ranked returns up to limit healthy backends, fastest first.
func (p *Pool) Ranked(limit int) []netip.AddrPort {
	out := make([]netip.AddrPort, 0, limit)
	s := rcuapi.ReadLock()
	bs := p.cur.Dereference(s).backends
	sort.Slice(bs, func(i, j int) bool { return bs[i].latency < bs[j].latency }) // expect RCU2002
	for _, b := range bs {
		if len(out) == limit {
			break
		}
		if b.healthy {
			out = append(out, b.addr)
		}
	}
	rcuapi.ReadUnlock(s)
	return out
}

// Set publishes a new backend set built by the health checker; the old set
// is only memory.
func (p *Pool) Set(backends []backend) {
	p.mu.Lock()
	p.cur.Replace(&backendSet{backends: backends}, &p.mu)
	p.mu.Unlock()
}
