// Package rcu7001 holds the fixtures of RCU7001: a Store of a value made
// from a Load of the same slot, by updaters with no common lock. ok.go
// holds the correct idioms.
package rcu7001

import (
	"maps"
	"sync"
	"sync/atomic"
)

type config struct {
	sampler string
	limit   int
	tags    map[string]string
}

var cfg atomic.Pointer[config]

// setLimit copies the loaded config and stores the copy, with no lock.
func setLimit(n int) {
	c := *cfg.Load()
	c.limit = n
	cfg.Store(&c) // want `RCU7001: Store of cfg stores a value made from what cfg loaded, with no lock held`
}

// addTag rebuilds the map from the loaded one.
func addTag(k, v string) {
	next := &config{tags: make(map[string]string)}
	for key, val := range cfg.Load().tags {
		next.tags[key] = val
	}
	next.tags[k] = v
	cfg.Store(next) // want `RCU7001: Store of cfg stores a value made from what cfg loaded, with no lock held`
}

type gates struct {
	mu      sync.Mutex
	enabled atomic.Value // map[string]bool
}

// getEnabled is a getter: its callers load the slot through it.
func (g *gates) getEnabled() map[string]bool { return g.enabled.Load().(map[string]bool) }

// set loads through the getter and stores with no lock.
func (g *gates) set(name string, on bool) {
	m := maps.Clone(g.getEnabled())
	m[name] = on
	g.enabled.Store(m) // want `RCU7001: Store of g\.enabled stores a value made from what g\.enabled loaded, with no lock held`
}

var (
	regMu   sync.Mutex
	unregMu sync.Mutex
	procs   atomic.Pointer[[]string]
)

// register and unregister hold different locks.
func register(p string) {
	regMu.Lock()
	defer regMu.Unlock()
	next := append([]string(nil), *procs.Load()...)
	next = append(next, p)
	procs.Store(&next)
}

func unregister(p string) {
	unregMu.Lock()
	defer unregMu.Unlock()
	var next []string
	for _, q := range *procs.Load() {
		if q != p {
			next = append(next, q)
		}
	}
	procs.Store(&next) // want `RCU7001: Store of procs stores a value made from what procs loaded, holding unregMu, but the Store at rcu7001\.go:\d+ holds regMu`
}

type counters struct {
	rw   sync.RWMutex
	byID atomic.Pointer[map[int]int]
}

// bump holds only the read lock, which excludes no other bump.
func (c *counters) bump(id int) {
	c.rw.RLock()
	defer c.rw.RUnlock()
	next := maps.Clone(*c.byID.Load())
	next[id]++
	c.byID.Store(&next) // want `RCU7001: Store of c\.byID stores a value made from what c\.byID loaded, with no lock held`
}

// A mutex inside the loaded version excludes nothing: every updater that
// loaded the same version locks it only after its Load.
type pool struct {
	mu    sync.Mutex
	inner *pool
}

var current atomic.Pointer[pool]

func wrapPool() {
	current.Store(&pool{inner: current.Load()}) // want `RCU7001: Store of current stores a value made from what current loaded, with no lock held`
}

func unwrapPool() {
	p := current.Load()
	p.mu.Lock()
	defer p.mu.Unlock()
	current.Store(p.inner) // want `RCU7001: Store of current stores a value made from what current loaded, with no lock held`
}
