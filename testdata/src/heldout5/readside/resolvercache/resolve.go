// Case: resolvercache
// Source: Documentation/RCU/whatisRCU.rst (a protected pointer stored where it outlives the section); coredns-style per-client answer caches
// Kind: bad
// Pair: readside/resolvercachefix
package resolvercache

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Record struct {
	Name  string
	Addrs []netip.Addr
	TTL   uint32
}

type Zone struct {
	records map[string]*Record
}

type Resolver struct {
	zone rcuapi.Pointer[Zone]

	mu   sync.Mutex
	last map[string]*Record // per-client last answer, for the debug page
}

func (r *Resolver) Resolve(client, name string) []netip.Addr {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rec, ok := r.zone.Dereference(s).records[name]
	if !ok {
		return nil
	}
	r.mu.Lock()
	if r.last == nil {
		r.last = make(map[string]*Record)
	}
	r.last[client] = rec // expect RCU1002
	r.mu.Unlock()
	return append([]netip.Addr(nil), rec.Addrs...)
}
