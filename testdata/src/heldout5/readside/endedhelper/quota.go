// Case: endedhelper
// Source: Documentation/RCU/checklist.rst items 2 and 9 (rcu_dereference() only inside the read-side section that protects it)
// Kind: bad
// Pair: -
package endedhelper

import (
	"github.com/rcuvet/rcuvet/rcuapi"
)

type Plan struct {
	Name  string
	Limit int
}

type Billing struct {
	plans rcuapi.Pointer[map[string]Plan]
}

// limit dereferences under the caller's section.
func (b *Billing) limit(s rcuapi.Section, plan string) int {
	return (*b.plans.Dereference(s))[plan].Limit
}

func (b *Billing) Remaining(plan string, used int) int {
	s := rcuapi.ReadLock()
	known := b.plans.Dereference(s) != nil
	rcuapi.ReadUnlock(s)
	if !known {
		return 0
	}
	return b.limit(s, plan) - used // expect RCU1001
}
