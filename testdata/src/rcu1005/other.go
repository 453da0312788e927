package rcu1005

import (
	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The shapes below deadlock, but RCU1006 reports them, not RCU1005: a wait
// for classic RCU itself inside a classic section (RCU1005's documentation
// leaves it to RCU1006).

// otherClassicSynchronizeInSection waits for a classic grace period inside a classic section.
func otherClassicSynchronizeInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rcuapi.Synchronize()
	return cfg.Dereference(s).port
}

// otherClassicBarrierInSection waits for the classic callbacks inside a classic section.
func otherClassicBarrierInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rcuapi.Barrier()
	return cfg.Dereference(s).port
}

// otherClassicSynchronizeViaHelperInSection waits for a classic grace period through a helper of another package.
func otherClassicSynchronizeViaHelperInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.WaitReaders()
	return cfg.Dereference(s).port
}

// otherClassicBarrierViaHelperInSection waits for the classic callbacks through a helper of another package.
func otherClassicBarrierViaHelperInSection() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	helpers.DrainCallbacks()
	return cfg.Dereference(s).port
}
