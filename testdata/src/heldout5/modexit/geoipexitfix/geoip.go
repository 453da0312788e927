// Case: geoipexitfix
// Source: Documentation/RCU/rcubarrier.rst (a module that posts call_rcu()/call_srcu() callbacks must rcu_barrier()/srcu_barrier() every flavour in its exit path); openvswitch datapath fix adding rcu_barrier() to dp_cleanup() (commit 35cc2980d939, after LWN's "RCU and Unloadable Modules")
// Kind: fixed
// Pair: modexit/geoipexit
package geoipexitfix

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Database struct {
	Build    string
	Prefixes map[netip.Prefix]string
}

var (
	mu       sync.Mutex
	lookups  rcuapi.SRCU // lookups may block on the mmap'd file
	db       rcuapi.Pointer[Database]
	released int
)

// Lookup returns the country of addr.
func Lookup(addr netip.Addr) string {
	s := lookups.ReadLock()
	defer lookups.ReadUnlock(s)
	for p, cc := range db.Dereference(s).Prefixes {
		if p.Contains(addr) {
			return cc
		}
	}
	return ""
}

// Reload publishes a newer database build.
func Reload(next *Database) {
	mu.Lock()
	defer mu.Unlock()
	db.Replace(next, &mu)
	lookups.Call(func() {
		mu.Lock()
		released++
		mu.Unlock()
	})
	rcuapi.Call(func() { // the debug page reads the build under classic sections
		mu.Lock()
		released++
		mu.Unlock()
	})
}

func exit() {
	mu.Lock()
	db.Assign(nil)
	mu.Unlock()
	rcuapi.Barrier()
	lookups.Barrier()
}

var Module = &rcuapi.Module{Name: "geoip", Init: func() error { return nil }, Exit: exit}
