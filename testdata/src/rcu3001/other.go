package rcu3001

import (
	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The shapes below are callbacks that wait for a grace period or for
// callbacks: RCU3002 reports them, not RCU3001.

// otherSynchronizeInCallback queues a function literal that waits for a grace period.
func otherSynchronizeInCallback() {
	rcuapi.Call(func() { rcuapi.Synchronize() })
}

// otherBarrierInCallback queues a function literal that waits for callbacks.
func otherBarrierInCallback() {
	rcuapi.Call(func() { rcuapi.Barrier() })
}

// otherHelperSynchronizeAsCallback queues a function of another package that waits for a grace period.
func otherHelperSynchronizeAsCallback() {
	rcuapi.Call(helpers.WaitReaders)
}
