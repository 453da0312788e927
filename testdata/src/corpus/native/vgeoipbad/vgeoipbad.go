// Case: a database reloader swaps in a newly opened memory-mapped reader and closes (unmaps) the old one while lookups may still be reading it
// Source: idiom: hashicorp/boundary PR #2435 https://github.com/hashicorp/boundary/pull/2435 shape (swap, then close the old handle at once) applied to a memory-mapped lookup database as proxies' GeoIP reloaders use
// Kind: bad
// Pair: vgeoipfixed

package vgeoipbad

import (
	"net/netip"
	"sync/atomic"
)

// reader is an open, memory-mapped database.
type reader struct {
	data []byte // unmapped by Close
}

func (r *reader) Lookup(ip netip.Addr) string {
	if len(r.data) == 0 {
		return ""
	}
	return string(r.data[:2])
}

// Close unmaps the file; any later read faults.
func (r *reader) Close() error {
	r.data = nil
	return nil
}

type geo struct {
	db atomic.Pointer[reader]
}

// country is the read side, per request.
func (g *geo) country(ip netip.Addr) string { return g.db.Load().Lookup(ip) }

// reload opens the new database file and replaces the old one.
func (g *geo) reload(open func() (*reader, error)) error {
	r, err := open()
	if err != nil {
		return err
	}
	old := g.db.Swap(r)
	if old != nil {
		return old.Close() // expect RCU7004
	}
	return nil
}
