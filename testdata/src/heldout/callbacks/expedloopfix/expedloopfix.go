// Case: tenant purge unpublishes every tenant, waits once, then closes the spools
// Source: synchronize_rcu_expedited() in a loop; its kernel-doc asks callers to batch the updates and use one synchronize_rcu() (kernel/rcu/tree_exp.h)
// Kind: fixed
// Pair: expedloop

package expedloopfix

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
	var retired []*tenant
	t.mu.Lock()
	for _, id := range ids {
		if p := t.byID[id]; p != nil {
			if old := p.Replace(nil, &t.mu); old != nil {
				retired = append(retired, old)
			}
		}
	}
	t.mu.Unlock()
	if len(retired) == 0 {
		return
	}
	rcuapi.SynchronizeExpedited()
	for _, old := range retired {
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
