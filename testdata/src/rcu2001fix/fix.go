package rcu2001fix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	addr    string
	timeout int
	limits  map[string]int
	hits    int
}

type route struct {
	prefix string
	hops   int
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[config]
	routes  rcuapi.List[*route]
)

// assignThenWrites publishes, then finishes the object: the fix moves the
// publication after both writes.
func assignThenWrites(addr string, timeout int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	current.Assign(c)
	c.addr = addr       // want `RCU2001: write into an object after Assign published it \(at fix\.go:\d+\)`
	c.timeout = timeout // want `RCU2001: write into an object after Assign published it \(at fix\.go:\d+\)`
}

// replaceThenWrite keeps the result of Replace, which the write does not use.
func replaceThenWrite(timeout int) *config {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: "x"}
	old := current.Replace(c, &mu)
	c.timeout = timeout // want `RCU2001: write into an object after Replace published it \(at fix\.go:\d+\)`
	return old
}

// pushThenWrite links an element, then sets its hops.
func pushThenWrite(prefix string, hops int) {
	r := &route{prefix: prefix}
	routes.PushBack(r)
	r.hops = hops // want `RCU2001: write into an object after PushBack published it \(at fix\.go:\d+\)`
}

// writesThenOther moves the publication after the writes only, before the
// call that follows them.
func writesThenOther(k string) {
	mu.Lock()
	c := &config{limits: map[string]int{}}
	current.Assign(c)
	c.limits[k] = 1 // want `RCU2001: write into an object after Assign published it \(at fix\.go:\d+\)`
	c.hits++        // want `RCU2001: write into an object after Assign published it \(at fix\.go:\d+\)`
	mu.Unlock()
}

// readsThePointer reads the pointer it published: no mechanical fix.
func readsThePointer() {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	current.Assign(c)
	c.timeout = current.Protected(&mu).timeout + 1 // want `RCU2001: write into an object after Assign published it \(at fix\.go:\d+\)`
}

// otherBlock writes after the block that publishes: no mechanical fix.
func otherBlock(early bool) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	if early {
		current.Assign(c)
	}
	c.timeout = 1 // want `RCU2001: write into an object after Assign published it \(at fix\.go:\d+\)`
}

// usesTheResult writes what Replace returned into the new object: no
// mechanical fix.
func usesTheResult() {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	old := current.Replace(c, &mu)
	c.timeout = old.timeout // want `RCU2001: write into an object after Replace published it \(at fix\.go:\d+\)`
}
