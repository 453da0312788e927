// Case: metrics endpoint reports the size of the firewall's rule table by reading through the result of Access
// Source: Documentation/RCU/rcu_dereference.rst and checklist.rst item 2 (rcu_access_pointer() is for comparisons; fetching fields through it needs rcu_dereference() in a section)
// Kind: bad
// Pair: rulesgaugefix

package rulesgauge

import (
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entry struct {
	prefix netip.Prefix
	allow  bool
}

type table struct {
	entries []entry
}

type Firewall struct {
	mu      sync.Mutex
	rules   rcuapi.Pointer[table]
	version atomic.Uint64
}

func New() *Firewall {
	f := &Firewall{}
	f.rules.Init(&table{})
	return f
}

// Allowed reports whether traffic from addr is allowed.
func (f *Firewall) Allowed(addr netip.Addr) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for _, e := range f.rules.Dereference(s).entries {
		if e.prefix.Contains(addr) {
			return e.allow
		}
	}
	return false
}

// Gauges returns the values the metrics endpoint exports.
func (f *Firewall) Gauges() map[string]float64 {
	return map[string]float64{
		"firewall_rules":   float64(len(f.rules.Access().entries)), // expect RCU1007
		"firewall_version": float64(f.version.Load()),
	}
}

// Replace installs a new rule table; old tables are only memory.
func (f *Firewall) Replace(entries []entry) {
	f.mu.Lock()
	f.rules.Replace(&table{entries: entries}, &f.mu)
	f.version.Add(1)
	f.mu.Unlock()
}
