// Package inner is the second level of the teardown helpers: the functions
// of package modhelpers call these, which call rcuapi. Nothing here is a
// module, so nothing here may be reported; the callbacks it queues run the
// code of its callers, whose modules must wait for them.
package inner

import "github.com/rcuvet/rcuvet/rcuapi"

// Queue queues fn on classic RCU, as it is.
func Queue(fn func()) { rcuapi.Call(fn) }

// QueueOn queues fn on d, as it is.
func QueueOn(d *rcuapi.SRCU, fn func()) { d.Call(fn) }

// QueueLogged queues fn on classic RCU wrapped in a closure of this
// package: the callback that runs belongs to package inner, not to fn's.
func QueueLogged(fn func()) {
	rcuapi.Call(func() {
		queued--
		fn()
	})
	queued++
}

var queued int

// Drain waits for the callbacks queued on d.
func Drain(d *rcuapi.SRCU) { d.Barrier() }

// DrainClassic waits for the classic callbacks.
func DrainClassic() { rcuapi.Barrier() }
