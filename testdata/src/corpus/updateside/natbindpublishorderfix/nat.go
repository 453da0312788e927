// Case: the binding is complete, conntrack pointer included, before it is linked into the RCU list
// Source: Linux commit 68b80f11 (netfilter NAT: assign nat->ct before the replacement, https://git.karo-electronics.de/?a=commit&h=68b80f11&p=linux-beck.git)
// Kind: fixed
// Pair: natbindpublishorder

package natbindpublishorderfix

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
	b.ct = ct
	bysource.PushFront(b)
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
