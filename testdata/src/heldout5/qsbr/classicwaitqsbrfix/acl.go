// Case: classicwaitqsbrfix
// Source: Documentation/RCU/checklist.rst item 7 (the updater must wait with the flavour its readers use); liburcu flavours (urcu-qsbr grace periods are separate from urcu-memb ones)
// Kind: fixed
// Pair: qsbr/classicwaitqsbr
package classicwaitqsbrfix

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Rules struct {
	deny []netip.Prefix
}

type Filter struct {
	mu     sync.Mutex
	domain *rcuapi.QSBR
	rules  rcuapi.Pointer[Rules]
}

// Denied runs on packet workers that hold an online handle of f.domain.
func (f *Filter) Denied(r *rcuapi.QSBRReader, src netip.Addr) bool {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	for _, p := range f.rules.Dereference(s).deny {
		if p.Contains(src) {
			return true
		}
	}
	return false
}

// Update installs a new deny list and clears the old one for reuse.
func (f *Filter) Update(deny []netip.Prefix) {
	f.mu.Lock()
	old := f.rules.Replace(&Rules{deny: deny}, &f.mu)
	f.mu.Unlock()
	if old == nil {
		return
	}
	f.domain.Synchronize()
	clear(old.deny)
}
