// Case: service catalog is updated by the registration API under the catalog mutex and by the DNS-sync goroutine under its own sync mutex, so the two updaters share no lock
// Source: opentelemetry-go PR #1079 (two update paths of one published value under two different locks); Documentation/RCU/checklist.rst item 1
// Kind: bad
// Pair: -

package twoupdaters

import (
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Catalog struct {
	Services map[string][]string // name -> addresses
}

type Registry struct {
	catMu  sync.Mutex // registration API
	syncMu sync.Mutex // DNS sync loop
	cat    rcuapi.Pointer[Catalog]
}

func (r *Registry) Register(name string, addrs []string) {
	r.catMu.Lock()
	defer r.catMu.Unlock()
	next := &Catalog{Services: maps.Clone(r.cat.Protected(&r.catMu).Services)}
	next.Services[name] = addrs
	r.cat.Replace(next, &r.catMu)
}

// syncFromDNS merges the names found in DNS into the catalog.
func (r *Registry) syncFromDNS(found map[string][]string) {
	r.syncMu.Lock()
	defer r.syncMu.Unlock()
	next := &Catalog{Services: maps.Clone(r.cat.Protected(&r.syncMu).Services)}
	for n, a := range found {
		next.Services[n] = a
	}
	r.cat.Replace(next, &r.syncMu) // expect RCU2003
}

func (r *Registry) Addrs(name string) []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return append([]string(nil), r.cat.Dereference(s).Services[name]...)
}
