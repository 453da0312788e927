// Package rcu1002 holds the fixtures of RCU1002: a protected pointer used
// after its section ends, or escaping the section. This file holds the
// shapes that must be reported; ok.go holds the correct idioms that must not
// be.
package rcu1002

import (
	"sync"

	"fixtures/helpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	port  int
	name  string
	peers []string
}

type route struct {
	prefix string
	hops   int
}

type holder struct{ cfg *config }

var (
	cfg     rcuapi.Pointer[config] // classic RCU
	routes  rcuapi.List[route]     // classic RCU
	dom     rcuapi.SRCU            // protects srcuCfg
	srcuCfg rcuapi.Pointer[config]
	wdom    = wrapper.New("rcu1002")

	last   *config            // a pointer kept across sections
	cache  []*config          // pointers kept across sections
	byName map[string]*config // pointers kept across sections
)

// useAfterUnlock reads a field through the pointer after ReadUnlock.
func useAfterUnlock() int {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	return c.port // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section ended at rcu1002.go:\d+; move ReadUnlock below the last use`
}

// useMaybeAfterUnlock reads through the pointer after a branch that may have ended the section.
func useMaybeAfterUnlock(early bool) int {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	if early {
		rcuapi.ReadUnlock(s)
	}
	p := c.port // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section may have ended \(at rcu1002.go:\d+\)`
	if !early {
		rcuapi.ReadUnlock(s)
	}
	return p
}

// storedInPackageVar keeps the pointer in a package variable.
func storedInPackageVar() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	last = cfg.Dereference(s) // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is stored in package variable last; copy the data you need out of it$`
}

// appendedToPackageSlice keeps the pointer in a package-level slice.
func appendedToPackageSlice() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	cache = append(cache, cfg.Dereference(s)) // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is stored in package variable cache`
}

// storedInPackageMap keeps the pointer in a package-level map.
func storedInPackageMap() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := cfg.Dereference(s)
	byName[c.name] = c // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is stored in`
}

// storedThroughParameter keeps the pointer in an object the caller owns.
func storedThroughParameter(h *holder) {
	s := rcuapi.ReadLock()
	h.cfg = cfg.Dereference(s) // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is stored through h, which outlives the section`
	rcuapi.ReadUnlock(s)
}

// returnedWithDeferredUnlock returns the pointer while a deferred ReadUnlock ends the section.
func returnedWithDeferredUnlock() *config {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s) // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is returned, but the section ends in a deferred ReadUnlock`
}

// returnedAfterUnlock returns the pointer after ReadUnlock.
func returnedAfterUnlock() *config {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	return c // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is returned after its section ends`
}

// returnedInStruct returns the pointer inside a new object.
func returnedInStruct() *holder {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return &holder{cfg: cfg.Dereference(s)} // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is (returned|stored)`
}

// sentOnChannel sends the pointer to another goroutine.
func sentOnChannel(out chan<- *config) {
	s := rcuapi.ReadLock()
	out <- cfg.Dereference(s) // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is sent on a channel`
	rcuapi.ReadUnlock(s)
}

// capturedByGoroutine lets a goroutine read through the pointer.
func capturedByGoroutine(out chan<- int) {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	go func() { // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is captured by a goroutine, which may run after the section ends`
		out <- c.port
	}()
	rcuapi.ReadUnlock(s)
}

// passedToGoroutine hands the pointer to a goroutine as an argument.
func passedToGoroutine() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	go helpers.Show(helpers.Get(s)) // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is captured by a goroutine`
}

// sliceUsedAfterUnlock indexes a slice reached through the pointer after ReadUnlock.
func sliceUsedAfterUnlock() string {
	s := rcuapi.ReadLock()
	peers := cfg.Dereference(s).peers
	rcuapi.ReadUnlock(s)
	return peers[0] // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section ended at rcu1002.go:\d+`
}

// elementUsedAfterUnlock keeps a List element past the loop and the section.
func elementUsedAfterUnlock() int {
	s := rcuapi.ReadLock()
	var longest *rcuapi.Element[route]
	for e := range routes.All(s) {
		if longest == nil || len(e.Value.prefix) > len(longest.Value.prefix) {
			longest = e
		}
	}
	rcuapi.ReadUnlock(s)
	return longest.Value.hops // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section ended at rcu1002.go:\d+`
}

// moduleUsedAfterUnlock uses a module found under the section, without a reference, after the section.
func moduleUsedAfterUnlock(name string) int {
	s := rcuapi.ReadLock()
	var found *rcuapi.Module
	for m := range rcuapi.Modules(s) {
		if m.Name == name {
			found = m
		}
	}
	rcuapi.ReadUnlock(s)
	return found.Refcount() // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section ended at rcu1002.go:\d+`
}

// helperResultUsedAfterUnlock uses, after the section, a pointer a helper of another package loaded under it.
func helperResultUsedAfterUnlock() int {
	s := rcuapi.ReadLock()
	c := helpers.Get(s)
	rcuapi.ReadUnlock(s)
	return c.Port // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section ended at rcu1002.go:\d+`
}

// passedToHelperAfterUnlock passes the pointer to a function that reads through it, after the section.
func passedToHelperAfterUnlock() string {
	s := rcuapi.ReadLock()
	c := helpers.Get(s)
	rcuapi.ReadUnlock(s)
	return helpers.Show(c) // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section ended at rcu1002.go:\d+`
}

// srcuUseAfterUnlock reads through the pointer after the SRCU section.
func srcuUseAfterUnlock() int {
	s := dom.ReadLock()
	c := srcuCfg.Dereference(s)
	dom.ReadUnlock(s)
	return c.port // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section ended at rcu1002.go:\d+`
}

// wrapperUseAfterUnlock calls a method through a wrapper getter's pointer after the wrapper's ReadUnlock.
func wrapperUseAfterUnlock() string {
	s := wdom.ReadLock()
	c := wdom.Config(s)
	wdom.ReadUnlock(s)
	return c.Describe() // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is used after the section ended at rcu1002.go:\d+`
}

// wrapperStoredInPackageVar keeps a pointer loaded by a wrapper's getter in a package variable.
var lastWrapped *wrapper.Config

func wrapperStoredInPackageVar() {
	s := wdom.ReadLock()
	lastWrapped = wdom.Config(s) // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is stored in package variable lastWrapped`
	wdom.ReadUnlock(s)
}

// capturedByCallback lets an RCU callback, which runs after the section, read through the pointer.
func capturedByCallback(out *int) {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.Call(func() { // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is`
		*out = c.port
	})
	rcuapi.ReadUnlock(s)
}

var lastHolder *holder // an object kept across sections

// storedInNewObjectKeptGlobally puts the pointer in a new object and keeps that object in a package variable.
func storedInNewObjectKeptGlobally() {
	s := rcuapi.ReadLock()
	h := &holder{cfg: cfg.Dereference(s)}
	lastHolder = h // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is stored in package variable lastHolder`
	rcuapi.ReadUnlock(s)
}

// entry is copied out whole, but its slice still shares the protected
// entry's backing array: the copy reaches protected memory.
type entry struct {
	value   []byte
	version uint64
}

type entryTable struct{ m map[string]entry }

var entries rcuapi.Pointer[entryTable]

func structCopyWithSlice(k string) (entry, bool) {
	s := rcuapi.ReadLock()
	e, ok := entries.Dereference(s).m[k]
	rcuapi.ReadUnlock(s)
	return e, ok // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002\.go:\d+ is returned after its section ends`
}

// joinedAfterUnlock waits for the goroutines only after the section has
// ended: they may read after it.
func joinedAfterUnlock(out []int) {
	s := dom.ReadLock()
	c := srcuCfg.Dereference(s)
	var wg sync.WaitGroup
	for i := range out {
		wg.Add(1)
		go func() { // want `RCU1002: a pointer obtained under the section begun by ReadLock at rcu1002.go:\d+ is captured by a goroutine`
			defer wg.Done()
			out[i] = c.port
		}()
	}
	dom.ReadUnlock(s)
	wg.Wait()
}
