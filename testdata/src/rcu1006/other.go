package rcu1006

import (
	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The shapes below are bugs that another check reports, not RCU1006.

// otherSRCUSynchronizeInClassicSection waits for an SRCU grace period inside a classic section: it blocks the classic reader (RCU1005), but does not wait for its own section.
func otherSRCUSynchronizeInClassicSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	plugins.Synchronize()
	plugins.Barrier()
	helpers.WaitDomain(&plugins)
}

// otherSynchronizeInCallbackQueuedInSection queues a callback that waits (RCU3002); it runs after a grace period, outside the section.
func otherSynchronizeInCallbackQueuedInSection() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	_ = current.Dereference(s)
	rcuapi.Call(func() { rcuapi.Synchronize() })
}
