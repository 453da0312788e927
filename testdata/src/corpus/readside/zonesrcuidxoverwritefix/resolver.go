// Case: the resolver ends the first SRCU section before it takes the second one
// Source: issue 13 item 9; fix: one index per open section
// Kind: fixed
// Pair: zonesrcuidxoverwrite

package zonesrcuidxoverwritefix

import (
	"errors"
	"net/netip"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Zone is a DNS zone snapshot, replaced when it expires.
type Zone struct {
	Expires time.Time
	records map[string]netip.AddrPort
}

// Resolver answers from a zone it refreshes from upstream.
type Resolver struct {
	dom   rcuapi.SRCU // readers may block while a refresh is fetched
	mu    sync.Mutex
	zone  rcuapi.Pointer[Zone]
	fetch func() (*Zone, error)
}

var errNotFound = errors.New("not found")

func (r *Resolver) refresh() error {
	z, err := r.fetch()
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.zone.Assign(z)
	r.mu.Unlock()
	return nil
}

// Resolve returns the address of name, refreshing an expired zone first.
func (r *Resolver) Resolve(name string, now time.Time) (netip.AddrPort, error) {
	idx := r.dom.ReadLock()
	z := r.zone.Dereference(idx)
	if now.After(z.Expires) {
		r.dom.ReadUnlock(idx)
		if err := r.refresh(); err != nil {
			return netip.AddrPort{}, err
		}
		idx = r.dom.ReadLock()
		z = r.zone.Dereference(idx)
	}
	ap, ok := z.records[name]
	r.dom.ReadUnlock(idx)
	if !ok {
		return netip.AddrPort{}, errNotFound
	}
	return ap, nil
}
