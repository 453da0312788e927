// Case: when a connection dies, its NAT bindings are unlinked and their conntrack pointer is cleared in place, while readers already on the list still follow it
// Source: Linux commit 68b80f11 (netfilter NAT: "When cleaning up the extension area and removing it from the bysource hash, the nat->ct pointer must not be set to NULL since it may still be used in a RCU read side", https://git.karo-electronics.de/?a=commit&h=68b80f11&p=linux-beck.git)
// Kind: bad
// Pair: natforgetclearctfix

package natforgetclearct

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

// Translate returns the mapped address of orig and the state of its connection.
func Translate(orig netip.AddrPort) (netip.AddrPort, string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range bysource.All(s) {
		if e.Value.Orig == orig {
			return e.Value.Mapped, e.Value.ct.State, true
		}
	}
	return netip.AddrPort{}, "", false
}

// Forget removes the bindings of ct, which is being destroyed.
func Forget(ct *Conntrack) {
	mu.Lock()
	defer mu.Unlock()
	for e := range bysource.AllProtected(&mu) {
		if e.Value.ct == ct {
			bysource.Remove(e)
			e.Value.ct = nil // expect RCU2002
		}
	}
}
