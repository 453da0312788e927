// Package rcu3002 holds the fixtures of RCU3002: a callback queued with Call
// that waits for a grace period or for callbacks. This file holds the shapes
// that must be reported; ok.go holds the correct idioms that must not be.
package rcu3002

import (
	"bytes"
	"sync"
	"time"

	"fixtures/helpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type page struct{ buf *bytes.Buffer }

var (
	mu      sync.Mutex // serialises the updaters of current
	current rcuapi.Pointer[page]
	bufs    sync.Pool
	dom     rcuapi.SRCU
	other   = rcuapi.NewSRCU("other")
)

// literalSynchronizes queues a function literal that waits for a classic grace period.
func literalSynchronizes() {
	rcuapi.Call(func() { rcuapi.Synchronize() }) // want `RCU3002: the callback \(a function literal\) calls Synchronize, which waits for a grace period; a callback must not wait for a grace period or for callbacks`
}

// literalSynchronizesExpedited queues a function literal that waits for an expedited grace period.
func literalSynchronizesExpedited() {
	rcuapi.Call(func() { rcuapi.SynchronizeExpedited() }) // want `RCU3002: the callback \(a function literal\) calls SynchronizeExpedited, which waits for a grace period`
}

// literalCondSynchronizes queues a function literal that waits for a polled grace period.
func literalCondSynchronizes(st rcuapi.GPState) {
	rcuapi.Call(func() { rcuapi.CondSynchronize(st) }) // want `RCU3002: the callback \(a function literal\) calls CondSynchronize, which waits for a grace period`
}

// literalBarrier queues a function literal that waits for the classic callbacks, its own batch included.
func literalBarrier() {
	rcuapi.Call(func() { rcuapi.Barrier() }) // want `RCU3002: the callback \(a function literal\) calls Barrier, which waits for callbacks`
}

// recycle returns old's buffer to the pool once no reader can hold it.
func recycle(old *page) {
	rcuapi.Synchronize()
	bufs.Put(old.buf)
}

// swap is the checklist's example: the callback calls a function that waits for a second grace period.
func swap(next *page) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { recycle(old) }) // want `RCU3002: the callback \(a function literal\) calls recycle, which calls Synchronize, which waits for a grace period`
	}
}

// drainAll waits for the classic callbacks.
func drainAll() { rcuapi.Barrier() } // want `RCU3002: callback drainAll calls Barrier, which waits for callbacks`

// funcValueBarrier queues a function of this package that waits for callbacks.
func funcValueBarrier() {
	rcuapi.Call(drainAll)
}

// crossPackageFuncValue queues a function of another package that waits for a grace period.
func crossPackageFuncValue() {
	rcuapi.Call(helpers.WaitReaders) // want `RCU3002: callback WaitReaders calls Synchronize, which waits for a grace period`
}

// crossPackageInLiteral queues a function literal that calls a helper of another package that waits for callbacks.
func crossPackageInLiteral() {
	rcuapi.Call(func() { helpers.DrainCallbacks() }) // want `RCU3002: the callback \(a function literal\) calls DrainCallbacks, which calls Barrier, which waits for callbacks`
}

// crossPackageSRCUHelper queues a function literal that waits for an SRCU grace period through a helper of another package.
func crossPackageSRCUHelper() {
	rcuapi.Call(func() { helpers.WaitDomain(&dom) }) // want `RCU3002: the callback \(a function literal\) calls WaitDomain, which calls Synchronize, which waits for a grace period`
}

// cache retires its entries on an SRCU domain of its own.
type cache struct {
	dom  *rcuapi.SRCU
	last rcuapi.Pointer[page]
}

// flush waits for a grace period of c.dom.
func (c *cache) flush() { c.dom.Synchronize() } // want `RCU3002: callback flush calls Synchronize, which waits for a grace period`

// methodValue queues a method value whose method waits for an SRCU grace period.
func methodValue(c *cache) {
	rcuapi.Call(c.flush)
}

// srcuOwnBarrier queues on an SRCU a callback that waits for that SRCU's callbacks, its own batch included.
func srcuOwnBarrier() {
	dom.Call(func() { dom.Barrier() }) // want `RCU3002: the callback \(a function literal\) calls Barrier, which waits for callbacks`
}

// srcuOwnSynchronize queues on an SRCU a callback that waits for another grace period of it.
func srcuOwnSynchronize() {
	dom.Call(func() { dom.Synchronize() }) // want `RCU3002: the callback \(a function literal\) calls Synchronize, which waits for a grace period`
}

// srcuCallbackClassicWait queues on an SRCU a callback that waits for a classic grace period.
func srcuCallbackClassicWait() {
	dom.Call(func() { rcuapi.Synchronize() }) // want `RCU3002: the callback \(a function literal\) calls Synchronize, which waits for a grace period`
}

// classicCallbackOtherSRCUWait queues a classic callback that waits for another SRCU's grace period.
func classicCallbackOtherSRCUWait() {
	rcuapi.Call(func() { other.SynchronizeExpedited() }) // want `RCU3002: the callback \(a function literal\) calls SynchronizeExpedited, which waits for a grace period`
}

// literalInVariable queues a function literal, held in a variable, that waits for a grace period.
func literalInVariable(old *page) {
	fn := func() {
		rcuapi.Synchronize() // want `RCU3002: the callback \(a function literal\) calls Synchronize, which waits for a grace period`
		bufs.Put(old.buf)
	}
	rcuapi.Call(fn)
}

// nestedLiteral queues a function literal that waits in another literal it calls at once.
func nestedLiteral() {
	rcuapi.Call(func() {
		func() { rcuapi.Synchronize() }() // want `RCU3002: the callback \(a function literal\) calls a function literal that calls Synchronize, which waits for a grace period`
	})
}

// lockThenSynchronize queues a function literal that takes a lock and then waits for a grace period: the lock is RCU3001's, the wait RCU3002's.
func lockThenSynchronize(next *page) {
	rcuapi.Call(func() {
		mu.Lock()
		defer mu.Unlock()
		current.Replace(next, &mu)
		rcuapi.Synchronize() // want `RCU3002: the callback \(a function literal\) calls Synchronize, which waits for a grace period`
	})
}

// sleepThenBarrier queues a function of this package that sleeps and then waits for callbacks.
func sleepThenBarrier() {
	rcuapi.Call(settleThenDrain)
}

// settleThenDrain sleeps, then waits for the classic callbacks.
func settleThenDrain() {
	time.Sleep(time.Millisecond)
	rcuapi.Barrier() // want `RCU3002: callback settleThenDrain calls Barrier, which waits for callbacks`
}
