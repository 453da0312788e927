// Package rcu2003 holds the fixtures of RCU2003: updates of one Pointer or
// List that hold no common lock. This file holds the shapes that must be
// reported; ok.go holds the correct idioms that must not be.
package rcu2003

import (
	"sync"

	"fixtures/ptrhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	addr string
	mode string
}

type route struct{ prefix string }

// registry keeps its lock next to the pointer it protects.
type registry struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[config]
}

var (
	mu      sync.Mutex
	mu2     sync.Mutex
	current rcuapi.Pointer[config]
	other   rcuapi.Pointer[config]
	viaHelp rcuapi.Pointer[config]
	named   rcuapi.Pointer[config]
	routes  rcuapi.List[route]
)

// SetAddr updates current under mu.
func SetAddr(addr string) {
	mu.Lock()
	defer mu.Unlock()
	next := *current.Protected(&mu)
	next.addr = addr
	current.Assign(&next)
}

// Reset publishes without any lock: a concurrent SetAddr can undo it.
func Reset() {
	current.Assign(&config{mode: "default"}) // want `RCU2003: Assign updates current holding no lock, but the update at rcu2003\.go:\d+ \(SetAddr\) holds mu`
}

// setOtherA and setOtherB hold two different locks (reported at the first).
func setOtherA(c *config) {
	mu.Lock()
	other.Assign(c) // want `RCU2003: Assign updates other holding only mu, but the update at rcu2003\.go:\d+ \(setOtherB\) holds mu2`
	mu.Unlock()
}

func setOtherB(c *config) {
	mu2.Lock()
	other.Assign(c)
	mu2.Unlock()
}

// set publishes for its callers: one of them holds mu, the other none.
func set(c *config) {
	viaHelp.Assign(c) // want `RCU2003: Assign updates viaHelp holding no lock, but the update at rcu2003\.go:\d+ \(setViaHelpLocked2\) holds mu`
}

func setUnderLock(c *config) {
	mu.Lock()
	defer mu.Unlock()
	set(c)
}

func setWithoutLock(c *config) { set(c) }

func setViaHelpLocked2(c *config) {
	mu.Lock()
	defer mu.Unlock()
	viaHelp.Assign(c)
}

// update holds the registry's lock; rename does not.
func (r *registry) update(c *config) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cur.Assign(c)
}

func (r *registry) rename(addr string) {
	r.cur.Assign(&config{addr: addr}) // want `RCU2003: Assign updates registry\.cur holding no lock, but the update at rcu2003\.go:\d+ \(\(\*registry\)\.update\) holds r\.mu`
}

// removeUnderLock finds and removes under mu; removeAny holds no lock.
func removeUnderLock(prefix string) {
	mu.Lock()
	defer mu.Unlock()
	for e := range routes.AllProtected(&mu) {
		if e.Value.prefix == prefix {
			routes.Remove(e)
		}
	}
}

func removeAny(e *rcuapi.Element[route]) {
	routes.Remove(e) // want `RCU2003: Remove updates routes holding no lock, but the update at rcu2003\.go:\d+ \(removeUnderLock\) holds mu`
}

// replaceNamed is called with mu held, as Replace says; assignNamed holds nothing.
func replaceNamed(c *config) *config { return named.Replace(c, &mu) }

func assignNamed(c *config) {
	named.Assign(c) // want `RCU2003: Assign updates named holding no lock, but the update at rcu2003\.go:\d+ \(replaceNamed\) holds mu`
}

// updateInGoroutine starts a goroutine under the lock; the goroutine holds none.
func updateInGoroutine(c *config) {
	mu.Lock()
	defer mu.Unlock()
	current.Assign(c)
	go func() {
		current.Assign(&config{}) // want `RCU2003: Assign updates current holding no lock, but the update at rcu2003\.go:\d+ \(SetAddr\) holds mu`
	}()
}

// setShared publishes ptrhelpers.Current, which ptrhelpers.Set updates
// under its own lock, without any lock.
func setShared(c *ptrhelpers.Config) {
	ptrhelpers.Current.Assign(c) // want `RCU2003: Assign updates Current holding no lock, but the update at fixtures/ptrhelpers:ptrhelpers\.go:\d+ \(Set\) holds mu`
}

// A health checker claims to be the only updater, but an admin call
// updates the same Pointer under a mutex.
type upstreams struct {
	mu  sync.Mutex
	set rcuapi.Pointer[config]
}

func (u *upstreams) Add(next *config) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.set.Replace(next, &u.mu)
}

func (u *upstreams) evict(next *config) {
	u.set.Replace(next, rcuapi.SingleUpdater) // want `RCU2003: Replace updates upstreams\.set naming rcuapi\.SingleUpdater, but it is not the only updater`
}

func (u *upstreams) HealthLoop(bad <-chan *config) {
	for next := range bad {
		u.evict(next)
	}
}
