// Case: readers take a reference on the database they loaded; the reloader drops the slot's reference after the swap and the last release closes the reader
// Source: idiom: google.golang.org/grpc@v1.85.0 internal/grpcsync/refcounted.go (TryIncrement/Decrement, onZero) as used by internal/xds/balancer/clusterimpl/clusterimpl.go (xdsHIPtr.Swap then Decrement) and internal/credentials/xds/handshake_info.go ClientSideTLSConfig
// Kind: fixed
// Pair: vgeoipbad

package vgeoipfixed

import (
	"net/netip"
	"sync/atomic"
)

// reader is an open, memory-mapped database with a reference count.
type reader struct {
	data []byte // unmapped by close
	refs atomic.Int32
}

func (r *reader) Lookup(ip netip.Addr) string {
	if len(r.data) == 0 {
		return ""
	}
	return string(r.data[:2])
}

func (r *reader) close() { r.data = nil }

// tryIncrement takes a reference unless the count already reached zero.
func (r *reader) tryIncrement() bool {
	for {
		n := r.refs.Load()
		if n <= 0 {
			return false
		}
		if r.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// decrement drops a reference and closes the reader with the last one.
func (r *reader) decrement() {
	if r.refs.Add(-1) == 0 {
		r.close()
	}
}

type geo struct {
	db atomic.Pointer[reader] // the slot holds one reference
}

// country is the read side, per request.
func (g *geo) country(ip netip.Addr) string {
	for {
		r := g.db.Load()
		if r.tryIncrement() {
			defer r.decrement()
			return r.Lookup(ip)
		}
	}
}

// reload opens the new database file and replaces the old one.
func (g *geo) reload(open func() (*reader, error)) error {
	r, err := open()
	if err != nil {
		return err
	}
	r.refs.Store(1)
	if old := g.db.Swap(r); old != nil {
		old.decrement()
	}
	return nil
}
