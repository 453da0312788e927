// Case: IP allow-list rebuild fills a fresh prefix trie with many writes and stores it once at the end; nothing touches it after the Store
// Source: idiom: build completely, then publish (Documentation/RCU/checklist.rst item 4; whatisRCU.rst on rcu_assign_pointer() ordering)
// Kind: idiom

package triebuild

import (
	"net/netip"
	"sync/atomic"
)

type node struct {
	child [2]*node
	leaf  bool
}

type AllowList struct {
	root atomic.Pointer[node]
}

// Rebuild runs on the single list-sync goroutine.
func (a *AllowList) Rebuild(prefixes []netip.Prefix) {
	root := &node{}
	for _, p := range prefixes {
		if !p.Addr().Is4() {
			continue
		}
		b := p.Masked().Addr().As4()
		n := root
		for i := 0; i < p.Bits(); i++ {
			bit := (b[i/8] >> (7 - i%8)) & 1
			if n.child[bit] == nil {
				n.child[bit] = &node{}
			}
			n = n.child[bit]
		}
		n.leaf = true
	}
	a.root.Store(root)
}

func (a *AllowList) Allowed(addr netip.Addr) bool {
	n := a.root.Load()
	if n == nil || !addr.Is4() {
		return false
	}
	b := addr.As4()
	for i := 0; i < 32 && n != nil; i++ {
		if n.leaf {
			return true
		}
		n = n.child[(b[i/8]>>(7-i%8))&1]
	}
	return n != nil && n.leaf
}
