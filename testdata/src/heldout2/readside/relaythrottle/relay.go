// Case: mail relay paces deliveries per recipient domain by waiting on a token bucket from inside the classic section that holds the domain policy
// Source: Documentation/RCU/checklist.rst item 2 (no blocking in an rcu_read_lock() section) and whatisRCU.rst; "sleeping function called from invalid context" reports under rcu_read_lock()
// Kind: bad
// Pair: relaythrottlefix

package relaythrottle

import (
	"sync"

	"fixtures/heldout2/readside/relaythrottle/throttle"

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
	r.limiter.Wait(domain, pol.PerSecond) // expect RCU1005
	host := pol.SmartHost
	rcuapi.ReadUnlock(s)
	return r.deliver(host, rcpt, msg)
}

// SetPolicies publishes a new policy table; the old one is only memory.
func (r *Relay) SetPolicies(next *policies) {
	r.mu.Lock()
	r.policies.Replace(next, &r.mu)
	r.mu.Unlock()
}
