// Case: geo lookup returns a Location value (strings, floats and a netip.Prefix) copied out of the RCU-protected table on several early-return paths of a deferred-unlock section
// Source: idiom: copy out what you need before the section ends (Documentation/RCU/whatisRCU.rst); value types such as netip.Prefix hold no pointers into the table
// Kind: idiom

package valuecopyout

import (
	"net/netip"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Location struct {
	Country string
	City    string
	Lat     float64
	Lon     float64
	Net     netip.Prefix
}

type table struct {
	exact    map[netip.Addr]*Location
	prefixes []*Location
	fallback Location
}

type DB struct {
	t rcuapi.Pointer[table]
}

func (db *DB) Lookup(ip netip.Addr) (Location, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t := db.t.Dereference(s)
	if t == nil {
		return Location{}, false
	}
	if loc, ok := t.exact[ip]; ok {
		return *loc, true
	}
	for _, loc := range t.prefixes {
		if loc.Net.Contains(ip) {
			out := *loc
			return out, true
		}
	}
	return t.fallback, false
}
