// Case: geo-IP service passes its live Section down to another package's helpers, which return values only
// Source: idiom: pass the read-side section down the call chain like a context.Context (rcuapi docs), the Go form of srcu_dereference(p, ss)/rcu_dereference_check()
// Kind: idiom

package crosspkghelper

import (
	"net/netip"
	"sync"

	"fixtures/heldout/idiom/crosspkghelper/lookup"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	mu    sync.Mutex
	table rcuapi.Pointer[lookup.Table]
)

// Annotate returns the country and ASN of every address, in one section.
func Annotate(addrs []netip.Addr) (countries []string, asns []uint32) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, a := range addrs {
		c, _ := lookup.Country(s, &table, a)
		countries = append(countries, c)
		e, _ := lookup.Find(s, &table, a)
		asns = append(asns, e.ASN)
	}
	return countries, asns
}

// Entry returns a copy of the entry for a.
func Entry(a netip.Addr) (lookup.Entry, bool) {
	s := rcuapi.ReadLock()
	e, ok := lookup.Find(s, &table, a)
	rcuapi.ReadUnlock(s)
	return e, ok
}

// Load publishes a new table.
func Load(entries []lookup.Entry) {
	mu.Lock()
	table.Assign(&lookup.Table{Entries: entries})
	mu.Unlock()
}
