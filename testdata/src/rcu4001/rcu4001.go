// Package rcu4001 holds the fixtures of RCU4001: an expedited grace period
// requested in a loop. This file holds the shapes that must be reported;
// ok.go holds the correct idioms that must not be.
package rcu4001

import (
	"iter"
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type conn struct{ c net.Conn }

var (
	mu     sync.Mutex // serialises the updaters of conns and current
	conns  rcuapi.List[net.Conn]
	byName = map[string]*conn{}
	dom    rcuapi.SRCU
	pdom   = rcuapi.NewSRCU("pdom")
)

// closeMatching is the checklist's example: one forced grace period per element of a range-over-func loop.
func closeMatching(match func(net.Conn) bool) {
	mu.Lock()
	defer mu.Unlock()
	for e := range conns.AllProtected(&mu) {
		if match(e.Value) {
			conns.Remove(e)
			rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop forces an expedited grace period on every iteration; make the updates of the loop first and wait once after it`
			e.Value.Close()
		}
	}
}

// threeClauseFor waits once per iteration of a three-clause for loop.
func threeClauseFor(n int) {
	for i := 0; i < n; i++ {
		rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop forces an expedited grace period on every iteration`
	}
}

// conditionFor waits once per iteration of a for loop with a condition only.
func conditionFor(more func() bool) {
	for more() {
		rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
	}
}

// infiniteForWithBreak waits once per iteration of a for loop left by break.
func infiniteForWithBreak(more func() bool) {
	for {
		if !more() {
			break
		}
		rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
	}
}

// rangeOverSlice waits once per element of a slice.
func rangeOverSlice(old []*conn) {
	for _, c := range old {
		rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
		c.c.Close()
	}
}

// rangeOverInt waits once per iteration of a range over an integer.
func rangeOverInt(n int) {
	for range n {
		rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
	}
}

// rangeOverMap waits once per entry of a map.
func rangeOverMap() {
	for name, c := range byName {
		delete(byName, name)
		rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
		c.c.Close()
	}
}

// rangeOverChannel waits once per value received.
func rangeOverChannel(retired <-chan *conn) {
	for c := range retired {
		rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
		c.c.Close()
	}
}

// rangeOverOwnIterator waits once per value of an iterator function.
func rangeOverOwnIterator(seq iter.Seq[*conn]) {
	for c := range seq {
		rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
		c.c.Close()
	}
}

// rangeOverFuncNested waits in a conditional inside a range-over-func loop nested in a range-over-func loop.
func rangeOverFuncNested(outer iter.Seq[iter.Seq[*conn]]) {
	for inner := range outer {
		for c := range inner {
			if c != nil {
				rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
			}
		}
	}
}

// gotoLoop waits once per iteration of a loop made with goto.
func gotoLoop(more func() bool) {
again:
	rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
	if more() {
		goto again
	}
}

// srcuExpeditedInLoop waits for an expedited grace period of an SRCU once per element.
func srcuExpeditedInLoop(old []*conn) {
	for _, c := range old {
		dom.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
		c.c.Close()
	}
}

// srcuPointerExpeditedInLoop waits for an expedited grace period of an *SRCU once per element.
func srcuPointerExpeditedInLoop(old []*conn) {
	for _, c := range old {
		c.c.Close()
		pdom.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
	}
}

// registry has an SRCU domain of its own.
type registry struct{ dom rcuapi.SRCU }

// fieldExpeditedInLoop waits for an expedited grace period of an SRCU field once per element.
func (r *registry) fieldExpeditedInLoop(old []*conn) {
	for _, c := range old {
		c.c.Close()
		r.dom.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
	}
}

// loopInClosure waits once per iteration of a loop inside a function literal.
func loopInClosure(old []*conn) func() {
	return func() {
		for _, c := range old {
			rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
			c.c.Close()
		}
	}
}

// closureCalledInLoop waits in a function literal called at once in each iteration.
func closureCalledInLoop(old []*conn) {
	for _, c := range old {
		func() {
			rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
			c.c.Close()
		}()
	}
}

// closureInRangeOverFuncBody waits in a function literal called at once in each iteration of a range-over-func loop.
func closureInRangeOverFuncBody(seq iter.Seq[*conn]) {
	for c := range seq {
		func() {
			defer c.c.Close()
			rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
		}()
	}
}

// loopContinuesAfterWait waits on a path that goes on to the next iteration with continue.
func loopContinuesAfterWait(old []*conn) {
	for _, c := range old {
		if c == nil {
			rcuapi.SynchronizeExpedited() // want `RCU4001: SynchronizeExpedited in a loop`
			continue
		}
		c.c.Close()
	}
}
