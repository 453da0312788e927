package rcu4001

import (
	"iter"
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okBatchThenWaitOnce is the checklist's good example: unpublish in the loop, wait once after it, then destroy.
func okBatchThenWaitOnce(match func(net.Conn) bool) {
	var closing []net.Conn
	mu.Lock()
	for e := range conns.AllProtected(&mu) {
		if match(e.Value) {
			conns.Remove(e)
			closing = append(closing, e.Value)
		}
	}
	mu.Unlock()
	rcuapi.Synchronize()
	for _, c := range closing {
		c.Close()
	}
}

// okExpeditedOnceAfterLoop waits for one expedited grace period after the loop.
func okExpeditedOnceAfterLoop(old []*conn) {
	mu.Lock()
	for _, c := range old {
		delete(byName, c.c.RemoteAddr().String())
	}
	mu.Unlock()
	rcuapi.SynchronizeExpedited()
	for _, c := range old {
		c.c.Close()
	}
}

// okExpeditedOnceAfterRangeOverFunc waits for one expedited grace period after a range-over-func loop.
func okExpeditedOnceAfterRangeOverFunc(seq iter.Seq[*conn]) {
	var old []*conn
	for c := range seq {
		old = append(old, c)
	}
	dom.SynchronizeExpedited()
	for _, c := range old {
		c.c.Close()
	}
}

// okExpeditedOnceBeforeLoop waits once, then loops.
func okExpeditedOnceBeforeLoop(old []*conn) {
	rcuapi.SynchronizeExpedited()
	for _, c := range old {
		c.c.Close()
	}
}

// okExpeditedOnce waits for one expedited grace period, with no loop at all.
func okExpeditedOnce(c *conn) {
	rcuapi.SynchronizeExpedited()
	pdom.SynchronizeExpedited()
	c.c.Close()
}

// okSynchronizeInLoop waits for a normal grace period in a loop, which RCU4001 leaves alone.
func okSynchronizeInLoop(old []*conn) {
	for _, c := range old {
		rcuapi.Synchronize()
		dom.Synchronize()
		c.c.Close()
	}
}

// okCallInLoop retires each element with Call, which lets one grace period serve many callbacks.
func okCallInLoop(old []*conn) {
	for _, c := range old {
		rcuapi.Call(func() { c.c.Close() })
	}
}

// okReturnAfterWaitInLoop waits at most once: the path through the wait leaves the function.
func okReturnAfterWaitInLoop(old []*conn, name string) {
	for _, c := range old {
		if c.c.RemoteAddr().String() == name {
			rcuapi.SynchronizeExpedited()
			c.c.Close()
			return
		}
	}
}

// okBreakAfterWaitInLoop waits at most once: the path through the wait leaves the loop.
func okBreakAfterWaitInLoop(old []*conn, name string) {
	for _, c := range old {
		if c.c.RemoteAddr().String() == name {
			rcuapi.SynchronizeExpedited()
			break
		}
	}
}

// okExpeditedInClosureMadeInLoopRunOnce creates a function literal in a loop and calls it once after.
func okExpeditedInClosureMadeInLoopRunOnce(old []*conn) {
	var last func()
	for _, c := range old {
		last = func() {
			rcuapi.SynchronizeExpedited()
			c.c.Close()
		}
	}
	if last != nil {
		last()
	}
}

// okExpeditedOnceInDeferredClosure waits once, in a deferred function literal, for a function with a loop.
func okExpeditedOnceInDeferredClosure(old []*conn) {
	defer func() { rcuapi.SynchronizeExpedited() }()
	for _, c := range old {
		delete(byName, c.c.RemoteAddr().String())
	}
}
