// Case: policy check appends to a mutex-guarded audit log inside a classic section
// Source: mutex_lock() inside rcu_read_lock(), "BUG: sleeping function called from invalid context" (Documentation/RCU/checklist.rst item 2: readers must not block)
// Kind: bad
// Pair: lockinreadfix

package lockinread

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
	defer rcuapi.ReadUnlock(s)
	p := current.Dereference(s)
	ok := p.allows(user, action)
	if !ok && p.auditDenied {
		auditMu.Lock() // expect RCU1005
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
