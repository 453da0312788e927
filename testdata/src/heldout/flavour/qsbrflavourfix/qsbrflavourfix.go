// Case: ACL table read by QSBR workers, old tables scrubbed after the QSBR domain's grace period
// Source: liburcu: each flavour has its own grace periods, and data read under urcu-qsbr must be reclaimed with the urcu-qsbr synchronize_rcu()/call_rcu() (https://github.com/urcu/userspace-rcu doc/rcu-api.md; Documentation/RCU/checklist.rst item 7)
// Kind: fixed
// Pair: qsbrflavour

package qsbrflavourfix

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type acl struct {
	deny []netip.Prefix
}

func (a *acl) denied(ip netip.Addr) bool {
	for _, p := range a.deny {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

type Firewall struct {
	q   rcuapi.QSBR
	mu  sync.Mutex
	cur rcuapi.Pointer[acl]
}

// Worker filters packets until in is closed; verdicts are written in place.
func (fw *Firewall) Worker(in <-chan []netip.Addr, verdicts chan<- []bool) {
	r := fw.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		batch, ok := <-in
		r.Online()
		if !ok {
			return
		}
		out := make([]bool, len(batch))
		s := r.ReadLock()
		a := fw.cur.Dereference(s)
		for i, ip := range batch {
			out[i] = a != nil && a.denied(ip)
		}
		r.ReadUnlock(s)
		r.Offline()
		verdicts <- out
		r.Online()
		r.Quiescent()
	}
}

// SetACL publishes a new rule set and scrubs the old one.
func (fw *Firewall) SetACL(deny []netip.Prefix) {
	fw.mu.Lock()
	old := fw.cur.Replace(&acl{deny: deny}, &fw.mu)
	fw.mu.Unlock()
	if old == nil {
		return
	}
	fw.q.Call(func() { clear(old.deny) })
}
