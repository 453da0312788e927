// Package rcu2001 holds the fixtures of RCU2001: an object written after the
// call that published it. This file holds the shapes that must be reported;
// ok.go holds the correct idioms that must not be.
package rcu2001

import (
	"sync"

	"fixtures/updhelpers"

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

type table struct {
	name string
	cfg  rcuapi.Pointer[config]
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[config]
	tables  rcuapi.Pointer[table]
	routes  rcuapi.List[*route] // elements are pointers: PushBack publishes the pointee
	byValue rcuapi.List[route]  // elements are values: PushBack copies
	store   updhelpers.Store
	static  config // published by its address
)

// writeAfterAssign fills in a field after Assign published the object.
func writeAfterAssign(addr string, timeout int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: addr}
	current.Assign(c)
	c.timeout = timeout // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\): readers may already see it half-built`
}

// writeAfterReplace fills in a field after Replace, made under the lock, published the object.
func writeAfterReplace(addr string, timeout int) *config {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: addr}
	old := current.Replace(c, &mu)
	c.timeout = timeout // want `RCU2001: write into an object after Replace published it \(at rcu2001\.go:\d+\)`
	return old
}

// writeAfterPushBack fills in a pointer element after PushBack linked it.
func writeAfterPushBack(prefix string, hops int) {
	r := &route{prefix: prefix}
	routes.PushBack(r)
	r.hops = hops // want `RCU2001: write into an object after PushBack published it \(at rcu2001\.go:\d+\)`
}

// writeAfterPushFront fills in a pointer element after PushFront linked it.
func writeAfterPushFront(prefix string, hops int) {
	r := &route{hops: hops}
	routes.PushFront(r)
	r.prefix = prefix // want `RCU2001: write into an object after PushFront published it \(at rcu2001\.go:\d+\)`
}

// writeAfterListReplace fills in the new element after List.Replace linked it.
func writeAfterListReplace(old *rcuapi.Element[*route], hops int) {
	r := &route{prefix: old.Value.prefix}
	routes.Replace(old, r)
	r.hops = hops // want `RCU2001: write into an object after Replace published it \(at rcu2001\.go:\d+\)`
}

// writeOnOneBranch publishes early on one branch only; the write that follows
// then comes after the publication on that path.
func writeOnOneBranch(early bool, timeout int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: "x"}
	if early {
		current.Assign(c)
	}
	c.timeout = timeout // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
	if !early {
		current.Assign(c)
	}
}

// writeInLoopAfterPublish publishes the same object in every iteration: from
// the second one on, the append writes into an object readers can see.
func writeInLoopAfterPublish(peers []string) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: "x"}
	for _, p := range peers {
		c.peers = append(c.peers, p) // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
		current.Assign(c)
	}
}

// writeNestedAfterAssign writes into an object reached from the published one.
func writeNestedAfterAssign() {
	mu.Lock()
	defer mu.Unlock()
	c := &config{inner: &inner{}}
	current.Assign(c)
	c.inner.level = 3 // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
}

// writeElementAfterAssign stores into a slice of the published object.
func writeElementAfterAssign(peers []string) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{peers: append([]string(nil), peers...)}
	current.Assign(c)
	c.peers[0] = "self" // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
}

// writeMapAfterAssign updates a map of the published object: readers may be
// reading the map while it changes.
func writeMapAfterAssign(k string, v int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{limits: map[string]int{}}
	current.Assign(c)
	c.limits[k] = v // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
}

// writeElementReturnedByPushBack changes the element that PushBack linked
// and returned: readers can already reach it.
func writeElementReturnedByPushBack(prefix string, hops int) {
	e := byValue.PushBack(route{prefix: prefix})
	e.Value.hops = hops // want `RCU2001: write into an object after PushBack published it \(at rcu2001\.go:\d+\)`
}

// writeAfterWrapperPublish writes after a wrapper of another package, which
// carries //rcu:assign, published the object.
func writeAfterWrapperPublish(port int) {
	c := &updhelpers.Config{Name: "x"}
	store.Publish(c)
	c.Port = port // want `RCU2001: write into an object after Publish published it \(at rcu2001\.go:\d+\)`
}

// writeTableAfterAssign publishes a table, then sets its name.
func writeTableAfterAssign(name string) {
	mu.Lock()
	defer mu.Unlock()
	t := &table{}
	t.cfg.Init(&config{})
	tables.Assign(t)
	t.name = name // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
}

// writeGlobalAfterPublish publishes a package variable by its address, then writes to it.
func writeGlobalAfterPublish(timeout int) {
	mu.Lock()
	defer mu.Unlock()
	current.Assign(&static)
	static.timeout = timeout // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
}

type builder struct{ cfg *config }

// deleteAfterAssign deletes from a map of the published object.
func deleteAfterAssign(k string) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{limits: map[string]int{"a": 1}}
	current.Assign(c)
	delete(c.limits, k) // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
}

// methodWriteAfterAssign changes the published object through a method.
func methodWriteAfterAssign(t int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	current.Assign(c)
	c.setTimeout(t) // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
}

// methodOfOtherPackageAfterPublish changes the published object through a
// method of another package.
func methodOfOtherPackageAfterPublish() {
	c := &updhelpers.Config{}
	store.Publish(c)
	c.SetName("x") // want `RCU2001: write into an object after Publish published it \(at rcu2001\.go:\d+\)`
}

// goroutineWriteAfterAssign starts a goroutine that finishes the object.
func goroutineWriteAfterAssign(t int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	current.Assign(c)
	go func() {
		c.timeout = t // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
	}()
}

// closureWriteAfterAssign finishes the object in a closure it calls.
func closureWriteAfterAssign(t int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	current.Assign(c)
	func() {
		c.timeout = t // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
	}()
}

// writeThroughFieldAfterAssign publishes the object its builder holds, then
// finishes it through the builder's field.
func (b *builder) writeThroughFieldAfterAssign(t int) {
	mu.Lock()
	defer mu.Unlock()
	b.cfg = &config{}
	current.Assign(b.cfg)
	b.cfg.timeout = t // want `RCU2001: write into an object after Assign published it \(at rcu2001\.go:\d+\)`
}
