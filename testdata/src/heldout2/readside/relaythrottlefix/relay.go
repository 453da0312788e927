// Case: mail relay copies the domain policy inside the section and waits on the token bucket after it
// Source: Documentation/RCU/checklist.rst item 2 (no blocking in an rcu_read_lock() section) and whatisRCU.rst; "sleeping function called from invalid context" reports under rcu_read_lock()
// Kind: fixed
// Pair: relaythrottle

package relaythrottlefix

import (
	"sync"

	"fixtures/heldout2/readside/relaythrottlefix/throttle"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Policy struct {
	SmartHost string
	PerSecond float64
}

type policies struct {
	byDomain map[string]Policy
	fallback Policy
}

func (p *policies) forDomain(d string) *Policy {
	if pol, ok := p.byDomain[d]; ok {
		return &pol
	}
	return &p.fallback
}

type Relay struct {
	mu       sync.Mutex
	policies rcuapi.Pointer[policies]
	limiter  *throttle.Limiter
	deliver  func(host, rcpt string, msg []byte) error
}

// Send delivers one message to one recipient in domain.
func (r *Relay) Send(domain, rcpt string, msg []byte) error {
	s := rcuapi.ReadLock()
	pol := r.policies.Dereference(s).forDomain(domain)
	rate, host := pol.PerSecond, pol.SmartHost
	rcuapi.ReadUnlock(s)
	r.limiter.Wait(domain, rate)
	return r.deliver(host, rcpt, msg)
}

// SetPolicies publishes a new policy table; the old one is only memory.
func (r *Relay) SetPolicies(next *policies) {
	r.mu.Lock()
	r.policies.Replace(next, &r.mu)
	r.mu.Unlock()
}
