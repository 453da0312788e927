// Case: an SRCU index variable is overwritten by a second ReadLock while the first section is still open (the first leaks, the second is ended twice)
// Source: issue 13 item 9 (idx = d.ReadLock() a second time); the kernel's KVM keeps its SRCU index in vcpu->srcu_idx, which a nested srcu_read_lock() silently overwrites, which is why KVM wraps it in helpers that warn on nesting
// Kind: bad
// Pair: zonesrcuidxoverwritefix

package zonesrcuidxoverwrite

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
		if err := r.refresh(); err != nil {
			r.dom.ReadUnlock(idx)
			return netip.AddrPort{}, err
		}
		idx = r.dom.ReadLock() // expect RCU1003
		z = r.zone.Dereference(idx)
	}
	ap, ok := z.records[name]
	r.dom.ReadUnlock(idx)
	if !ok {
		return netip.AddrPort{}, errNotFound
	}
	return ap, nil
}
