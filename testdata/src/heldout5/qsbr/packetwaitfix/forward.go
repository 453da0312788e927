// Case: packetwaitfix
// Source: liburcu urcu-qsbr rules (a registered online thread must not block inside a read-side section: every grace period waits for it); Documentation/RCU/checklist.rst item 2
// Kind: fixed
// Pair: qsbr/packetwait
package packetwaitfix

import (
	"net/netip"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Packet struct {
	Dst  netip.Addr
	Data []byte
}

type FIB struct {
	next map[netip.Addr]int // destination -> egress port
}

type Forwarder struct {
	domain *rcuapi.QSBR
	fib    rcuapi.Pointer[FIB]
	egress []chan Packet // one per port, drained by the port writers
}

// Worker forwards packets until in is closed.
func (f *Forwarder) Worker(in <-chan Packet) {
	r := f.domain.Register()
	defer r.Unregister()
	for {
		r.Offline()
		p, ok := <-in
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		port, found := f.fib.Dereference(s).next[p.Dst]
		r.ReadUnlock(s)
		r.Quiescent()
		if found {
			r.Offline()
			f.egress[port] <- p
			r.Online()
		}
	}
}
