// Case: IP allow-list adds and removes prefixes with a CompareAndSwap retry loop over a freshly built slice, so concurrent admin calls never lose an update and no lock is taken
// Source: idiom: lock-free copy-on-write with CompareAndSwap (Documentation/RCU/checklist.rst item 1, atomic updaters); the fix pattern of kubernetes PR #125052's review
// Kind: idiom

package casretry

import (
	"net/netip"
	"slices"
	"sync/atomic"
)

type AllowList struct {
	prefixes atomic.Pointer[[]netip.Prefix]
}

func (a *AllowList) update(fn func(old []netip.Prefix) []netip.Prefix) {
	for {
		oldp := a.prefixes.Load()
		var old []netip.Prefix
		if oldp != nil {
			old = *oldp
		}
		next := fn(slices.Clone(old))
		if a.prefixes.CompareAndSwap(oldp, &next) {
			return
		}
	}
}

func (a *AllowList) Add(p netip.Prefix) {
	a.update(func(ps []netip.Prefix) []netip.Prefix {
		if slices.Contains(ps, p) {
			return ps
		}
		return append(ps, p)
	})
}

func (a *AllowList) Remove(p netip.Prefix) {
	a.update(func(ps []netip.Prefix) []netip.Prefix {
		return slices.DeleteFunc(ps, func(q netip.Prefix) bool { return q == p })
	})
}

func (a *AllowList) Allowed(ip netip.Addr) bool {
	ps := a.prefixes.Load()
	if ps == nil {
		return false
	}
	for _, p := range *ps {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
