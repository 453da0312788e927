// Case: ACL check ranges over an rcuapi.Map of deny rules and returns false from inside the range body on the first match, leaving the classic section open
// Source: github/glb-director PR #45 (paths that returned without rcu_read_unlock); kernel fixes titled "add missing rcu_read_unlock()"; Documentation/RCU/checklist.rst item 2
// Kind: bad
// Pair: readside/rangereturnfix

package rangereturn

import (
	"net/netip"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Rule struct {
	Prefix netip.Prefix
	Ports  [2]uint16 // inclusive range
}

type ACL struct {
	deny rcuapi.Map[string, Rule]
}

// Permit reports whether a connection to addr:port may proceed.
func (a *ACL) Permit(addr netip.Addr, port uint16) bool {
	s := rcuapi.ReadLock()
	for _, r := range a.deny.Range(s) {
		if r.Prefix.Contains(addr) && port >= r.Ports[0] && port <= r.Ports[1] {
			return false // expect RCU1003
		}
	}
	rcuapi.ReadUnlock(s)
	return true
}

func (a *ACL) Deny(name string, r Rule) { a.deny.Store(name, r) }
