// Package rcu6004 holds the fixtures of RCU6004: SRCU Cleanup of a domain
// on which the package queues callbacks, with no Barrier of that domain
// before it on every path. This file holds the shapes that must be
// reported; ok.go holds the correct idioms that must not be. Each shape
// has a domain (or a struct type holding one) of its own, since what a
// Cleanup needs depends on what the package queues on its domain.
package rcu6004

import (
	"os"
	"sync"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type page struct{ f *os.File }

func (p *page) close() { p.f.Close() }

var (
	mu   sync.Mutex
	dom  rcuapi.SRCU // protects cur; its readers may block
	cur  rcuapi.Pointer[page]
	fast bool
)

func Swap(next *page) {
	mu.Lock()
	old := cur.Replace(next, &mu)
	mu.Unlock()
	if old != nil {
		dom.Call(old.close)
	}
}

// Close is called after the last Swap: it drops the queued callbacks, and
// their files stay open.
func Close() error {
	return dom.Cleanup() // want `^RCU6004: Cleanup of SRCU domain dom while callbacks may be queued: this package queues callbacks there \(at rcu6004\.go:\d+\) and no Barrier of that domain comes first on every path; Cleanup drops what is still queued: call dom\.Barrier\(\) before it$`
}

// A cache keeps its SRCU domain in a field.
type cache struct {
	mu  sync.Mutex
	dom rcuapi.SRCU
	cur rcuapi.Pointer[page]
}

func (c *cache) put(next *page) {
	c.mu.Lock()
	old := c.cur.Replace(next, &c.mu)
	c.mu.Unlock()
	if old != nil {
		c.dom.Call(old.close)
	}
}

func (c *cache) close() error {
	return c.dom.Cleanup() // want `^RCU6004: Cleanup of the SRCU domain in field cache\.dom while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
}

// branchDom gets its Barrier on one path only.
var branchDom rcuapi.SRCU

func branchRetire(p *page) { branchDom.Call(p.close) }

func branchClose() error {
	if !fast {
		branchDom.Barrier()
	}
	return branchDom.Cleanup() // want `^RCU6004: Cleanup of SRCU domain branchDom while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
}

// deferDom gets a deferred Barrier, which runs after the Cleanup.
var deferDom rcuapi.SRCU

func deferRetire(p *page) { deferDom.Call(p.close) }

func deferClose() error {
	defer deferDom.Barrier()
	return deferDom.Cleanup() // want `^RCU6004: Cleanup of SRCU domain deferDom while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
}

// remoteDom gets its callbacks through two levels of helpers of other
// packages (modhelpers.RetireOn, inner.QueueOn).
var remoteDom rcuapi.SRCU

func remoteRetire(p *page) { modhelpers.RetireOn(&remoteDom, p.close) }

func remoteClose() error {
	return remoteDom.Cleanup() // want `^RCU6004: Cleanup of SRCU domain remoteDom while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
}

// pairA and pairB both get callbacks; only pairA gets a Barrier before
// pairB's Cleanup.
var pairA, pairB rcuapi.SRCU

func pairRetire(p *page) {
	pairA.Call(p.close)
	pairB.Call(p.close)
}

func pairClose() error {
	pairA.Barrier()
	if err := pairA.Cleanup(); err != nil {
		return err
	}
	return pairB.Cleanup() // want `^RCU6004: Cleanup of SRCU domain pairB while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
}

// syncDom gets a grace period before its Cleanup, which does not wait for
// its callbacks.
var syncDom rcuapi.SRCU

func syncRetire(p *page) { syncDom.Call(p.close) }

func syncClose() error {
	syncDom.Synchronize()
	return syncDom.Cleanup() // want `^RCU6004: Cleanup of SRCU domain syncDom while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
}

// ptrDom is a pointer made by NewSRCU.
var ptrDom = rcuapi.NewSRCU("journal")

func ptrRetire(p *page) { ptrDom.Call(p.close) }

func ptrClose() error {
	return ptrDom.Cleanup() // want `^RCU6004: Cleanup of SRCU domain ptrDom while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
}

// deferCleanDom is cleaned up by a deferred Cleanup, which runs after the
// callbacks were queued.
var deferCleanDom rcuapi.SRCU

func deferCleanRetire(p *page) { deferCleanDom.Call(p.close) }

// deferCleanClose retires the last page and returns: the deferred Cleanup
// runs with its callback queued.
func deferCleanClose(last *page) {
	defer deferCleanDom.Cleanup() // want `^RCU6004: Cleanup of SRCU domain deferCleanDom while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
	deferCleanRetire(last)
}

// lifoDom defers its Barrier first and its Cleanup second: deferred calls
// run last in, first out, so the Cleanup runs before the Barrier.
var lifoDom rcuapi.SRCU

func lifoRetire(p *page) { lifoDom.Call(p.close) }

func lifoClose() {
	defer lifoDom.Barrier()
	defer lifoDom.Cleanup() // want `RCU6004: Cleanup of SRCU domain lifoDom while callbacks may be queued`
}

// earlyDom waits with Barrier on one path only before the deferred
// Cleanup runs.
var earlyDom rcuapi.SRCU

func earlyRetire(p *page) { earlyDom.Call(p.close) }

func earlyClose(flush bool) {
	defer earlyDom.Cleanup() // want `RCU6004: Cleanup of SRCU domain earlyDom while callbacks may be queued`
	if !flush {
		return
	}
	earlyDom.Barrier()
}

// localCleanup makes an SRCU domain of its own, queues a callback on it and
// cleans it up without waiting for the callback.
func localCleanup(p *page) error {
	d := rcuapi.NewSRCU("local")
	d.Call(p.close)
	return d.Cleanup() // want `RCU6004: Cleanup of the SRCU domain made in localCleanup while callbacks may be queued: this package queues callbacks there \(at rcu6004.go:\d+\)`
}

// localVarCleanup does the same with a local variable, through a helper of
// another package that queues on the domain it is given.
func localVarCleanup(p *page) {
	var d rcuapi.SRCU
	modhelpers.RetireOn(&d, p.close)
	d.Cleanup() // want `RCU6004: Cleanup of SRCU domain d while callbacks may be queued`
}

// localPostAfterBarrier queues again after its Barrier.
func localPostAfterBarrier(p, q *page) {
	d := rcuapi.NewSRCU("again")
	d.Call(p.close)
	d.Barrier()
	d.Call(q.close)
	d.Cleanup() // want `RCU6004: Cleanup of the SRCU domain made in localPostAfterBarrier while callbacks may be queued`
}
