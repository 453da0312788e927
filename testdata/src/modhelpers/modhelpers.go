// Package modhelpers holds correct helpers that the teardown fixtures
// (RCU6001, RCU6002, RCU6004, RCU6005) call across a package boundary. Some
// queue the callbacks they are given, through package inner (two levels
// below the module that calls them), some wait for callbacks with Barrier,
// one builds modules. Nothing here is a module, so nothing here may be
// reported: the callbacks are the callers' and so is the duty to wait for
// them.
package modhelpers

import (
	"sync/atomic"

	"fixtures/modhelpers/inner"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var retired atomic.Int64

// Retire queues fn on classic RCU through inner.Queue: the module's own
// function is what runs.
func Retire(fn func()) { inner.Queue(fn) }

// RetireCounted queues fn on classic RCU wrapped in a closure of this
// package, which counts it: the callback that runs belongs to modhelpers,
// so rcuapi's Unload does not see that it calls into the module.
func RetireCounted(fn func()) {
	inner.Queue(func() {
		retired.Add(1)
		fn()
	})
}

// RetireLogged queues fn on classic RCU through inner.QueueLogged, which
// wraps it in a closure of package inner.
func RetireLogged(fn func()) { inner.QueueLogged(fn) }

// RetireOn queues fn on d through inner.QueueOn.
func RetireOn(d *rcuapi.SRCU, fn func()) { inner.QueueOn(d, fn) }

// Tick queues a callback of this package, which does not call into its
// caller: the caller's module has nothing to wait for.
func Tick() { inner.Queue(tick) }

func tick() { retired.Add(1) }

// StopAll waits for the classic callbacks queued so far.
func StopAll() { rcuapi.Barrier() }

// Drain waits for the callbacks queued on d, through inner.Drain.
func Drain(d *rcuapi.SRCU) { inner.Drain(d) }

// DrainAll waits for the callbacks queued on d and on classic RCU, through
// package inner.
func DrainAll(d *rcuapi.SRCU) {
	inner.Drain(d)
	inner.DrainClassic()
}

// WaitReaders waits for a classic grace period: it waits for readers, not
// for callbacks.
func WaitReaders() { rcuapi.Synchronize() }

// NewModule builds a module named name whose Exit is exit.
func NewModule(name string, exit func()) *rcuapi.Module {
	return &rcuapi.Module{Name: name, Exit: exit}
}

// A Pool retires its users' objects on an SRCU domain of its own, held in
// a field.
type Pool struct{ dom rcuapi.SRCU }

// Retire queues fn on p's domain.
func (p *Pool) Retire(fn func()) { p.dom.Call(fn) }

// Drain waits for the callbacks queued on p's domain.
func (p *Pool) Drain() { p.dom.Barrier() }

// CloseLater closes c after a grace period of d, in a callback of its own:
// the callback is this package's, but it is queued on the caller's domain,
// which must not be cleaned up with it still queued.
func CloseLater(d *rcuapi.SRCU, c interface{ Close() error }) {
	d.Call(func() { c.Close() })
}
