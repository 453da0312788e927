// Case: policy check decides inside the section, writes the audit log after it
// Source: mutex_lock() inside rcu_read_lock(), "BUG: sleeping function called from invalid context" (Documentation/RCU/checklist.rst item 2: readers must not block)
// Kind: fixed
// Pair: lockinread

package lockinreadfix

import (
	"slices"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type rule struct {
	user    string
	actions []string
}

type policy struct {
	rules       []rule
	auditDenied bool
}

func (p *policy) allows(user, action string) bool {
	for _, r := range p.rules {
		if r.user == user && slices.Contains(r.actions, action) {
			return true
		}
	}
	return false
}

var (
	current rcuapi.Pointer[policy]
	pmu     sync.Mutex

	auditMu sync.Mutex
	audit   []string
)

// Allowed is called on every request.
func Allowed(user, action string) bool {
	s := rcuapi.ReadLock()
	p := current.Dereference(s)
	ok := p.allows(user, action)
	logIt := !ok && p.auditDenied
	rcuapi.ReadUnlock(s)

	if logIt {
		auditMu.Lock()
		audit = append(audit, time.Now().Format(time.RFC3339)+" deny "+user+" "+action)
		auditMu.Unlock()
	}
	return ok
}

// SetPolicy publishes a new policy.
func SetPolicy(p *policy) {
	pmu.Lock()
	current.Assign(p)
	pmu.Unlock()
}
