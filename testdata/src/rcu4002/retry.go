package rcu4002

import "github.com/rcuvet/rcuvet/rcuapi"

// A loop that retries until it may publish, then queues one callback and
// leaves: one Call per run of the loop, however many times it retried.

var current rcuapi.Pointer[update]

func okRetryThenReturn(next func(*update) *update) {
	for {
		s := rcuapi.ReadLock()
		old := current.Dereference(s)
		won := current.CompareAndSwap(old, next(old))
		rcuapi.ReadUnlock(s)
		if won {
			rcuapi.Call(func() { _ = old })
			return
		}
	}
}

func okRetryThenBreak(try func() bool) {
	for {
		if try() {
			rcuapi.Call(func() {})
			break
		}
	}
}

func okRetryInSwitch(try func() int) {
	for {
		switch try() {
		case 0:
			continue
		default:
			rcuapi.Call(func() {})
			return
		}
	}
}

func okRetryThenPanic(try func() error) {
	for {
		if err := try(); err != nil {
			rcuapi.Call(func() {})
			panic(err)
		}
	}
}

// A break inside a switch ends the switch, not the loop.
func badBreakEndsSwitch(try func() int) {
	for {
		switch try() {
		case 1:
			rcuapi.Call(func() {}) // want `RCU4002: Call in a loop with no condition`
			break
		}
	}
}

// The return is on another branch than the Call.
func badReturnElsewhere(try func() bool) {
	for {
		if try() {
			return
		}
		rcuapi.Call(func() {}) // want `RCU4002: Call in a loop with no condition`
	}
}

// A break out of an inner loop leaves the outer loop running.
func badBreakInner(ch chan update) {
	for u := range ch {
		for {
			rcuapi.Call(func() { _ = u }) // want `RCU4002: Call in a loop over a channel`
			break
		}
	}
}
