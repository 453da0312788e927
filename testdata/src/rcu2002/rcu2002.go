// Package rcu2002 holds the fixtures of RCU2002: a write through a pointer
// that Dereference or List.All returned. This file holds the shapes that
// must be reported; ok.go holds the correct idioms that must not be.
package rcu2002

import (
	"sort"
	"sync"
	"sync/atomic"

	"fixtures/updhelpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	addr    string
	timeout int
	peers   []string
	limits  map[string]int
	inner   *inner
	stats   *stats
}

type inner struct{ level int }

// counter is updated in place, atomically.
type counter struct {
	name string
	hits atomic.Int64
}

// stats is state that changes in place behind a mutex that readers take too.
type stats struct {
	mu    sync.Mutex
	count int
	last  string
}

// setTimeout changes c in place.
func (c *config) setTimeout(t int) { c.timeout = t }

type route struct {
	prefix string
	hops   int
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[config]
	counts  rcuapi.Pointer[counter]
	routes  rcuapi.List[route]
	ptrs    rcuapi.List[*route]
	dom     rcuapi.SRCU // protects srcuCfg
	srcuCfg rcuapi.Pointer[config]
	store   updhelpers.Store
	wdom    = wrapper.New("rcu2002")
)

// fieldWriteThroughDeref sets a field of the object readers are looking at.
func fieldWriteThroughDeref(t int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	current.Dereference(s).timeout = t // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+: readers see the change while it happens; copy the object`
}

// incrementThroughDeref increments a field through a variable holding the dereferenced pointer.
func incrementThroughDeref() {
	s := rcuapi.ReadLock()
	c := current.Dereference(s)
	c.timeout++ // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
	rcuapi.ReadUnlock(s)
}

// writeThroughListAll changes an element's value while ranging over List.All.
func writeThroughListAll(prefix string, hops int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range routes.All(s) {
		if e.Value.prefix == prefix {
			e.Value.hops = hops // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
		}
	}
}

// writeThroughListAllPointer changes the object a pointer element points to.
func writeThroughListAllPointer(hops int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range ptrs.All(s) {
		e.Value.hops = hops // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
	}
}

// mapUpdateThroughDeref updates a map that a dereferenced object holds: a
// reader reading the map at the same time may crash the program.
func mapUpdateThroughDeref(k string, v int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	current.Dereference(s).limits[k] = v // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// mapUpdateThroughLoadedField updates the map after loading it into a local.
func mapUpdateThroughLoadedField(k string, v int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	m := current.Dereference(s).limits
	m[k] = v // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// appendIntoDerefSlice stores an append into a slice field of the object.
func appendIntoDerefSlice(peer string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	c.peers = append(c.peers, peer) // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// elementStoreThroughDeref stores into the backing array of a slice field.
func elementStoreThroughDeref(peer string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	if len(c.peers) > 0 {
		c.peers[0] = peer // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
	}
}

// writeThroughDerivedPointer writes through a pointer loaded from the dereferenced object.
func writeThroughDerivedPointer(level int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	in := current.Dereference(s).inner
	in.level = level // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// writeThroughFieldAddress writes through the address of a field of the dereferenced object.
func writeThroughFieldAddress(t int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	tp := &current.Dereference(s).timeout
	*tp = t // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// overwriteWholeObject replaces the whole object in place.
func overwriteWholeObject(addr string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	*c = config{addr: addr} // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// writeUnderSectionParameter writes through a pointer dereferenced under the Section it was given.
func writeUnderSectionParameter(s rcuapi.Section, addr string) {
	current.Dereference(s).addr = addr // want `RCU2002: write through a pointer obtained under the Section it was given`
}

// writeUnderSRCU writes through a pointer dereferenced under an SRCU section.
func writeUnderSRCU(t int) {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	srcuCfg.Dereference(s).timeout = t // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// writeThroughWrapperDeref writes through what a wrapper with //rcu:deref returned.
func writeThroughWrapperDeref(port int) {
	s := wdom.ReadLock()
	defer wdom.ReadUnlock(s)
	wdom.Config(s).Port = port // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// writeThroughHelperResult writes through what a helper of another package,
// without directives, returned from a Dereference under s.
func writeThroughHelperResult(port int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	updhelpers.ConfigOf(&store, s).Port = port // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// mapUpdateThroughWrapperDeref updates a map of what a wrapper with //rcu:deref returned.
func mapUpdateThroughWrapperDeref(k, v string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	store.Config(s).Tags[k] = v // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// writeIntoSharedSliceOfCopy copies the object, but the copy shares its
// peers' backing array with the original: the store changes what readers see.
func writeIntoSharedSliceOfCopy(peer string) config {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := *current.Dereference(s)
	if len(c.peers) > 0 {
		c.peers[0] = peer // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
	}
	return c
}

// writeAfterReadUnlock writes through the dereferenced pointer after the
// section ended: the object is still the one readers see.
func writeAfterReadUnlock(t int) {
	s := rcuapi.ReadLock()
	c := current.Dereference(s)
	rcuapi.ReadUnlock(s)
	c.timeout = t // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// writeInClosure writes through the dereferenced pointer in a closure.
func writeInClosure(t int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	func() {
		c.timeout = t // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
	}()
}

// resetMapValues overwrites every value of a dereferenced map.
func resetMapValues() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	for k := range c.limits {
		c.limits[k] = 0 // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
	}
}

// deref is a helper of this package that dereferences under the Section it is given.
func deref(s rcuapi.Section) *config { return current.Dereference(s) }

// writeThroughLocalHelper writes through what deref returned.
func writeThroughLocalHelper(addr string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	deref(s).addr = addr // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// deleteThroughDeref deletes from a map of the dereferenced object.
func deleteThroughDeref(k string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	delete(current.Dereference(s).limits, k) // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// methodWriteThroughDeref changes the dereferenced object through a method.
func methodWriteThroughDeref(t int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	current.Dereference(s).setTimeout(t) // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// methodOfOtherPackageThroughDeref changes what a wrapper with //rcu:deref
// returned through a method of another package.
func methodOfOtherPackageThroughDeref() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	store.Config(s).SetName("x") // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
}

// writeThroughProtected writes into the published object under the
// update lock: the lock keeps other updaters out, not readers, who see the
// change while it happens.
func writeThroughProtected(t int) {
	mu.Lock()
	defer mu.Unlock()
	current.Protected(&mu).timeout = t // want `RCU2002: write into the published object that Protected returned \(at rcu2002.go:\d+\)`
}

// writeThroughAllProtected writes into published elements under the lock.
func writeThroughAllProtected(hops int) {
	mu.Lock()
	defer mu.Unlock()
	for e := range routes.AllProtected(&mu) {
		e.Value.hops = hops // want `RCU2002: write into the published object that AllProtected returned \(at rcu2002.go:\d+\)`
	}
}

// sortInPlace sorts the published slice under readers' feet.
func sortInPlace() {
	s := rcuapi.ReadLock()
	peers := current.Dereference(s).peers
	sort.Strings(peers) // want `RCU2002: write through a pointer obtained under the section begun by ReadLock at rcu2002\.go:\d+`
	rcuapi.ReadUnlock(s)
}
