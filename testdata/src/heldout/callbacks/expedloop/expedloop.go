// Case: tenant purge waits for an expedited grace period once per tenant
// Source: synchronize_rcu_expedited() in a loop; its kernel-doc asks callers to batch the updates and use one synchronize_rcu() (kernel/rcu/tree_exp.h)
// Kind: bad
// Pair: expedloopfix

package expedloop

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type tenant struct {
	name  string
	spool *os.File
}

type Tenants struct {
	mu   sync.Mutex
	byID map[string]*rcuapi.Pointer[tenant]
}

// Purge removes every listed tenant and closes its spool file.
func (t *Tenants) Purge(ids []string) {
	for _, id := range ids {
		t.mu.Lock()
		p := t.byID[id]
		var old *tenant
		if p != nil {
			old = p.Replace(nil, &t.mu)
		}
		t.mu.Unlock()
		if old == nil {
			continue
		}
		rcuapi.SynchronizeExpedited() // expect RCU4001
		old.spool.Close()
	}
}

// Spool returns the spool path of tenant id.
// The map itself is fixed at start-up; only the pointers in it change.
func (t *Tenants) Spool(id string) (string, bool) {
	p := t.byID[id]
	if p == nil {
		return "", false
	}
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	tn := p.Dereference(s)
	if tn == nil {
		return "", false
	}
	return tn.spool.Name(), true
}
