// Case: a NAT binding is linked into the RCU list first and its conntrack pointer filled in afterwards
// Source: Linux commit 68b80f11 (netfilter NAT bysource hash: "When replacing a NAT extension area in the bysource hash, the nat->ct pointer must be assigned before performing the replacement", https://git.karo-electronics.de/?a=commit&h=68b80f11&p=linux-beck.git)
// Kind: bad
// Pair: natbindpublishorderfix

package natbindpublishorder

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Conntrack is the tracked connection a binding belongs to.
type Conntrack struct {
	ID    uint64
	State string
}

// Binding maps an original source to the address it is translated to.
type Binding struct {
	Orig   netip.AddrPort
	Mapped netip.AddrPort
	ct     *Conntrack
}

var (
	mu       sync.Mutex
	bysource rcuapi.List[*Binding]
)

// Bind records a translation for ct.
func Bind(ct *Conntrack, orig, mapped netip.AddrPort) {
	mu.Lock()
	defer mu.Unlock()
	b := &Binding{Orig: orig, Mapped: mapped}
	bysource.PushFront(b)
	b.ct = ct // expect RCU2001
}

// Translate returns the mapped address of orig and the id of its connection.
func Translate(orig netip.AddrPort) (netip.AddrPort, uint64, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range bysource.All(s) {
		if e.Value.Orig == orig {
			return e.Value.Mapped, e.Value.ct.ID, true
		}
	}
	return netip.AddrPort{}, 0, false
}
