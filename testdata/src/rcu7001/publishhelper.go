package rcu7001

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"
)

// The Load and the Store of an update sit in two helpers: a getter and a
// publisher. The update is still a load-and-store, and without a lock
// around both calls two of them lose one change.
type instance struct{ ID, Addr string }

var instances atomic.Pointer[[]instance]

func currentInstances() []instance {
	if p := instances.Load(); p != nil {
		return *p
	}
	return nil
}

func publishInstances(list []instance) { instances.Store(&list) }

func registerInstance(in instance) {
	next := append(slices.Clone(currentInstances()), in)
	publishInstances(next) // want `RCU7001: publishInstances stores into instances a value made from what instances loaded, with no lock held`
}

func deregisterInstance(id string) {
	next := slices.DeleteFunc(slices.Clone(currentInstances()), func(in instance) bool { return in.ID == id })
	publishInstances(next) // want `RCU7001: publishInstances stores into instances a value made from what instances loaded`
}

// With the writers' mutex around both calls, and for a list built from
// scratch, there is nothing to lose.
var instancesMu sync.Mutex

func okRegisterLocked(in instance) {
	instancesMu.Lock()
	defer instancesMu.Unlock()
	publishInstances(append(slices.Clone(currentInstances()), in))
}

func okReplaceAll(list []instance) {
	publishInstances(slices.Clone(list))
}

// purgeInstances is called under one lock by one caller and another lock
// by another (each guards its own registry): locks are held around it.
var producerMu, consumerMu sync.Mutex

func purgeInstances(id string) {
	publishInstances(slices.DeleteFunc(slices.Clone(currentInstances()), func(in instance) bool { return in.ID == id }))
}

func okPurgeFromProducer(id string) {
	producerMu.Lock()
	defer producerMu.Unlock()
	purgeInstances(id)
}

func okPurgeFromConsumer(id string) {
	consumerMu.Lock()
	defer consumerMu.Unlock()
	purgeInstances(id)
}

// A deferred Store of a copy of what was loaded: it runs at the return,
// and two handlers at once lose one's change.
type allowlist struct{ cidrs []string }

var allowed atomic.Pointer[allowlist]

func addCIDR(c string) {
	next := &allowlist{cidrs: slices.Clone(allowed.Load().cidrs)}
	defer allowed.Store(next) // want `RCU7001: deferred Store of allowed stores a value made from what allowed loaded, with no lock held`
	if slices.Contains(next.cidrs, c) {
		return
	}
	next.cidrs = append(next.cidrs, c)
}

var allowMu sync.Mutex

func okAddCIDRLocked(c string) {
	allowMu.Lock()
	defer allowMu.Unlock()
	next := &allowlist{cidrs: slices.Clone(allowed.Load().cidrs)}
	defer allowed.Store(next)
	next.cidrs = append(next.cidrs, c)
}

// An event loop is a single owner only when one goroutine runs it and
// nothing else updates the slot by load-and-store.
type rpsLimits struct{ rps map[string]int }

type gateway struct {
	mu     sync.Mutex
	limits atomic.Pointer[rpsLimits]
}

func (g *gateway) watchWithWorkers(changes <-chan string) {
	apply := func() {
		for route := range changes {
			next := &rpsLimits{rps: maps.Clone(g.limits.Load().rps)}
			next.rps[route]++
			g.limits.Store(next) // want `RCU7001: Store of g\.limits stores a value made from what g\.limits loaded, with no lock held`
		}
	}
	for i := 0; i < 4; i++ {
		go apply()
	}
}

type breakers struct {
	mu    sync.Mutex
	state atomic.Pointer[rpsLimits]
}

func (b *breakers) fail(host string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	next := &rpsLimits{rps: maps.Clone(b.state.Load().rps)}
	next.rps[host]++
	b.state.Store(next)
}

func (b *breakers) resetOnSignal(hosts <-chan string) {
	go func() {
		for host := range hosts {
			next := &rpsLimits{rps: maps.Clone(b.state.Load().rps)}
			delete(next.rps, host)
			b.state.Store(next) // want `RCU7001: Store of b\.state stores a value made from what b\.state loaded, with no lock held`
		}
	}()
}

func (b *breakers) okResetOnSignalLocked(hosts <-chan string) {
	go func() {
		for host := range hosts {
			b.mu.Lock()
			next := &rpsLimits{rps: maps.Clone(b.state.Load().rps)}
			delete(next.rps, host)
			b.state.Store(next)
			b.mu.Unlock()
		}
	}()
}
