// Package rcu1006 holds the fixtures of RCU1006: a grace-period or barrier
// wait inside a read-side section of the same domain, which waits for that
// very section. This file holds the shapes that must be reported; ok.go
// holds the correct idioms that must not be, and other.go the shapes that
// belong to another check.
package rcu1006

import (
	"os"
	"sync"

	"fixtures/helpers"
	"fixtures/wrapper"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type logger struct{ f *os.File }

type plugin struct{ name string }

var (
	mu        sync.Mutex              // serialises the updaters of current
	current   rcuapi.Pointer[logger]  // classic RCU
	names     rcuapi.List[string]     // classic RCU
	plugins   rcuapi.SRCU             // protects active
	active    rcuapi.Pointer[plugin]  // plugins
	other     rcuapi.SRCU             // protects nothing here
	cfgDomain = rcuapi.NewSRCU("cfg") // protects nothing here
	wdom      = wrapper.New("rcu1006")
)

// rotate is the checklist's example, publishing lock-free: it waits for the section it is still in.
func rotate(next *logger) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	old := current.Dereference(s)
	if old == next || !current.CompareAndSwap(old, next) {
		return
	}
	rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here: it waits for this very section and never returns`
	old.f.Close()
}

// synchronizeBeforeUnlock waits for a classic grace period before an explicit ReadUnlock.
func synchronizeBeforeUnlock() {
	s := rcuapi.ReadLock()
	_ = current.Dereference(s)
	rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	rcuapi.ReadUnlock(s)
}

// expeditedInClassicSection waits for an expedited classic grace period inside a classic section.
func expeditedInClassicSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rcuapi.SynchronizeExpedited() // want `RCU1006: SynchronizeExpedited waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// condSynchronizeInClassicSection waits for a polled classic grace period inside a classic section.
func condSynchronizeInClassicSection(st rcuapi.GPState) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rcuapi.CondSynchronize(st) // want `RCU1006: CondSynchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// barrierInClassicSection waits for the classic callbacks inside a classic section.
func barrierInClassicSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rcuapi.Barrier() // want `RCU1006: Barrier waits for callbacks of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// srcuSynchronizeInOwnSection waits for a grace period of an SRCU package variable inside its own section.
func srcuSynchronizeInOwnSection() string {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	name := active.Dereference(s).name
	plugins.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	return name
}

// srcuExpeditedInOwnSection waits for an expedited grace period of an SRCU inside its own section.
func srcuExpeditedInOwnSection() {
	s := plugins.ReadLock()
	plugins.SynchronizeExpedited() // want `RCU1006: SynchronizeExpedited waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	plugins.ReadUnlock(s)
}

// srcuBarrierInOwnSection waits for the callbacks of an SRCU inside its own section.
func srcuBarrierInOwnSection() {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	plugins.Barrier() // want `RCU1006: Barrier waits for callbacks of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// srcuPointerVariableInOwnSection waits for a grace period of an *SRCU package variable inside its own section.
func srcuPointerVariableInOwnSection() {
	s := cfgDomain.ReadLock()
	defer cfgDomain.ReadUnlock(s)
	cfgDomain.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// server has an SRCU domain of its own.
type server struct {
	reads  rcuapi.SRCU
	writes *rcuapi.SRCU
}

// fieldDomainInOwnSection waits for a grace period of an SRCU field inside a section of that field.
func (srv *server) fieldDomainInOwnSection() {
	s := srv.reads.ReadLock()
	defer srv.reads.ReadUnlock(s)
	srv.reads.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// pointerFieldDomainInOwnSection waits for a grace period of an *SRCU field inside a section of that field.
func (srv *server) pointerFieldDomainInOwnSection() {
	s := srv.writes.ReadLock()
	srv.writes.Barrier() // want `RCU1006: Barrier waits for callbacks of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	srv.writes.ReadUnlock(s)
}

// parameterDomainInOwnSection waits for a grace period of an SRCU parameter inside a section of it.
func parameterDomainInOwnSection(d *rcuapi.SRCU) {
	s := d.ReadLock()
	defer d.ReadUnlock(s)
	d.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// localDomainInOwnSection waits for a grace period of a local SRCU inside a section of it.
func localDomainInOwnSection() {
	d := rcuapi.NewSRCU("local")
	s := d.ReadLock()
	d.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	d.ReadUnlock(s)
}

// synchronizeInClosure waits in a function literal called at once inside the section.
func synchronizeInClosure() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	func() {
		rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	}()
}

// synchronizeInListRange waits in the body of a range over a list, inside the section.
func synchronizeInListRange(stale string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range names.All(s) {
		if e.Value == stale {
			rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
		}
	}
}

// synchronizeInHelperSection waits inside a classic section that a helper of another package began.
func synchronizeInHelperSection() {
	s := helpers.Begin()
	defer helpers.End(s)
	rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by Begin at rcu1006.go:\d+, which is still open here`
}

// synchronizeInWrapperSection waits inside a classic section that a wrapper with directives began.
func synchronizeInWrapperSection() {
	s := wrapper.Enter()
	rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by Enter at rcu1006.go:\d+, which is still open here`
	wrapper.Exit(s)
}

// srcuInNestedClassicSection waits for an SRCU grace period in a classic section nested in a section of that SRCU.
func srcuInNestedClassicSection() {
	outer := plugins.ReadLock()
	defer plugins.ReadUnlock(outer)
	inner := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(inner)
	plugins.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// deferredClosureSynchronizesBeforeUnlock defers a waiting closure after the deferred ReadUnlock, so it runs first.
func deferredClosureSynchronizesBeforeUnlock() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	defer func() {
		rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	}()
	_ = current.Dereference(s)
}

// deferredSynchronizeBeforeUnlock defers Synchronize after the deferred ReadUnlock, so it runs first.
func deferredSynchronizeBeforeUnlock() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	defer rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	_ = current.Dereference(s)
}

// synchronizeWhileOpenOnSomePaths waits where one path has ended the section and the other has not.
func synchronizeWhileOpenOnSomePaths(early bool) {
	s := rcuapi.ReadLock()
	_ = current.Dereference(s)
	if early {
		rcuapi.ReadUnlock(s)
	}
	rcuapi.Synchronize() // want `RCU1006: Synchronize waits for a grace period of the domain of the section begun by ReadLock at rcu1006.go:\d+`
	if !early {
		rcuapi.ReadUnlock(s)
	}
}

// retireAll waits for a classic grace period: its callers must not be inside a classic section.
func retireAll() {
	mu.Lock()
	current.Replace(nil, &mu)
	mu.Unlock()
	rcuapi.Synchronize()
}

// samePackageHelperInSection calls a helper of this package that waits for a classic grace period.
func samePackageHelperInSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if current.Dereference(s) != nil {
		retireAll() // want `RCU1006: retireAll .*of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
	}
}

// crossPackageSynchronizeInSection calls a helper of another package that waits for a classic grace period.
func crossPackageSynchronizeInSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.WaitReaders() // want `RCU1006: WaitReaders .*of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// crossPackageBarrierInSection calls a helper of another package that waits for the classic callbacks.
func crossPackageBarrierInSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.DrainCallbacks() // want `RCU1006: DrainCallbacks .*of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// syncPlugins waits for a grace period of plugins.
func syncPlugins() { plugins.Synchronize() }

// samePackageSRCUHelperInSection calls a helper of this package that waits for the SRCU whose section is open.
func samePackageSRCUHelperInSection() {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	syncPlugins() // want `RCU1006: syncPlugins .*of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}

// crossPackageSRCUHelperInSection hands the SRCU whose section is open to a helper of another package that waits for it.
func crossPackageSRCUHelperInSection() {
	s := plugins.ReadLock()
	defer plugins.ReadUnlock(s)
	helpers.WaitDomain(&plugins) // want `RCU1006: WaitDomain .*of the domain of the section begun by ReadLock at rcu1006.go:\d+, which is still open here`
}
