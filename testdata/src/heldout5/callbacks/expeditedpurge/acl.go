// Case: expeditedpurge
// Source: Documentation/RCU/checklist.rst item 6 (synchronize_rcu_expedited() in a loop: batch, or use call_rcu()); Documentation/RCU/Design expedited grace-period costs
// Kind: bad
// Pair: -
package expeditedpurge

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Rule struct {
	CIDR   string
	Action string
	hits   *[64]uint64 // per-CPU-ish counters, recycled on removal
}

type Firewall struct {
	mu    sync.Mutex
	rules rcuapi.List[*Rule]
	free  []*[64]uint64
}

// RemoveAll deletes the rules of a revoked tenant.
func (f *Firewall) RemoveAll(cidrs []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range cidrs {
		for e := range f.rules.AllProtected(&f.mu) {
			if e.Value.CIDR != c {
				continue
			}
			f.rules.Remove(e)
			rcuapi.SynchronizeExpedited() // expect RCU4001
			*e.Value.hits = [64]uint64{}
			f.free = append(f.free, e.Value.hits)
		}
	}
}
