// Case: the bindings are unlinked under the lock, and their conntrack pointer is cleared only after a grace period
// Source: Linux commit 68b80f11 (netfilter NAT: do not clear nat->ct while RCU readers may use it, https://git.karo-electronics.de/?a=commit&h=68b80f11&p=linux-beck.git); unpublish, wait, then write (issue 13 item 4)
// Kind: fixed
// Pair: natforgetclearct

package natforgetclearctfix

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
	var gone []*Binding
	mu.Lock()
	for e := range bysource.AllProtected(&mu) {
		if e.Value.ct == ct {
			bysource.Remove(e)
			gone = append(gone, e.Value)
		}
	}
	mu.Unlock()
	if len(gone) == 0 {
		return
	}
	rcuapi.Synchronize()
	for _, b := range gone {
		b.ct = nil // no reader can reach b any more
	}
}
