// Case: resolver tests its table pointer with Access for lazy initialisation and reads the table only under a section
// Source: idiom: rcu_access_pointer() for a NULL test outside any section, rcu_dereference() for the read (Documentation/RCU/rcu_dereference.rst)
// Kind: idiom

package lazytable

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct {
	hosts map[string]netip.Addr
}

type Resolver struct {
	once  sync.Once
	mu    sync.Mutex
	table rcuapi.Pointer[table]
	load  func() map[string]netip.Addr // reads /etc/hosts-style files
}

func (r *Resolver) ensure() {
	if r.table.Access() != nil {
		return // fast path: already loaded
	}
	r.once.Do(func() {
		hosts := r.load()
		r.mu.Lock()
		r.table.Replace(&table{hosts: hosts}, &r.mu)
		r.mu.Unlock()
	})
}

// Lookup returns the address configured for host.
func (r *Resolver) Lookup(host string) (netip.Addr, bool) {
	r.ensure()
	s := rcuapi.ReadLock()
	addr, ok := r.table.Dereference(s).hosts[host]
	rcuapi.ReadUnlock(s)
	return addr, ok
}

// Loaded reports whether the table has been loaded, for a readiness probe.
func (r *Resolver) Loaded() bool { return r.table.Access() != nil }

// Reload rereads the files; tables are only memory.
func (r *Resolver) Reload() {
	hosts := r.load()
	r.mu.Lock()
	r.table.Replace(&table{hosts: hosts}, &r.mu)
	r.mu.Unlock()
}
