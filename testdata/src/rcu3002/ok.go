package rcu3002

import (
	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	hook  func()
	polls []rcuapi.GPState
)

// okSwap is the checklist's good example: the callback already runs after a grace period.
func okSwap(next *page) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { bufs.Put(old.buf) })
	}
}

// okChainCall queues a further callback instead of waiting for a further grace period.
func okChainCall(old *page) {
	rcuapi.Call(func() {
		rcuapi.Call(func() { bufs.Put(old.buf) })
	})
}

// okChainSRCUCall queues a further SRCU callback from an SRCU callback.
func okChainSRCUCall(old *page) {
	dom.Call(func() {
		dom.Call(func() { bufs.Put(old.buf) })
	})
}

// okSynchronizeBeforeQueueing waits in the function that queues the callback, not in the callback.
func okSynchronizeBeforeQueueing(old *page) {
	rcuapi.Synchronize()
	rcuapi.Barrier()
	rcuapi.Call(func() { bufs.Put(old.buf) })
}

// okPollFromCallback records a grace-period state from the callback without waiting for it.
func okPollFromCallback() {
	rcuapi.Call(func() {
		st := rcuapi.StartPoll()
		if !rcuapi.PollState(st) {
			polls = append(polls, rcuapi.GetState())
		}
	})
}

// okGoroutineWaitsFromCallback starts a goroutine of its own to wait, from the callback.
func okGoroutineWaitsFromCallback(old *page) {
	rcuapi.Call(func() {
		go func() {
			rcuapi.Synchronize()
			bufs.Put(old.buf)
		}()
	})
}

// okGoStatementWaitsFromCallback starts a goroutine on a waiting function, from the callback.
func okGoStatementWaitsFromCallback() {
	rcuapi.Call(func() { go helpers.WaitReaders() })
}

// okWaitingFuncOnlyStored stores a waiting function from the callback for somebody else to run later.
func okWaitingFuncOnlyStored() {
	rcuapi.Call(func() {
		hook = helpers.DrainCallbacks
	})
}

// okWaitingLiteralOnlyStored stores a waiting function literal from the callback without running it.
func okWaitingLiteralOnlyStored() {
	rcuapi.Call(func() {
		hook = func() { rcuapi.Synchronize() }
	})
}

// okNonWaitingMethodValue queues a method value whose method never waits.
func okNonWaitingMethodValue(c *cache) {
	rcuapi.Call(c.reset)
}

// reset clears the last page without waiting.
func (c *cache) reset() { c.last.Init(nil) }

// okNonWaitingFuncValue queues a function of another package that never waits.
func okNonWaitingFuncValue() {
	rcuapi.Call(helpers.Touch)
}
