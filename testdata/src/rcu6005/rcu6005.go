// Package rcu6005 holds the fixtures of RCU6005: a use of an SRCU domain
// after its Cleanup. This file holds the shapes that must be reported;
// ok.go holds the correct idioms that must not be.
package rcu6005

import (
	"os"
	"sync"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type page struct{ f *os.File }

func (p *page) close() { p.f.Close() }

var (
	mu  sync.Mutex
	dom rcuapi.SRCU
	cur rcuapi.Pointer[page]
)

// closeThenSync cleans the domain up, then waits for its readers.
func closeThenSync() error {
	dom.Barrier()
	err := dom.Cleanup()
	mu.Lock()
	old := cur.Replace(nil, &mu)
	mu.Unlock()
	dom.Synchronize() // want `^RCU6005: Synchronize of SRCU domain dom after its Cleanup: the domain is gone \(rcuapi panics\); finish every use before Cleanup$`
	if old != nil {
		old.close()
	}
	return err
}

// A cache keeps its SRCU domain in a field.
type cache struct {
	mu  sync.Mutex
	dom rcuapi.SRCU
	cur rcuapi.Pointer[page]
}

// close cleans the domain up, then queues the last release on it.
func (c *cache) close() error {
	c.dom.Barrier()
	err := c.dom.Cleanup()
	c.mu.Lock()
	last := c.cur.Replace(nil, &c.mu)
	c.mu.Unlock()
	if last != nil {
		c.dom.Call(last.close) // want `^RCU6005: Call of the SRCU domain in field cache\.dom after its Cleanup: the domain is gone \(rcuapi panics\); finish every use before Cleanup$`
	}
	return err
}

// readDom is read after its Cleanup.
var readDom rcuapi.SRCU

func readAfter() bool {
	readDom.Cleanup()
	s := readDom.ReadLock() // want `^RCU6005: ReadLock of SRCU domain readDom after its Cleanup`
	defer readDom.ReadUnlock(s)
	return cur.Dereference(s) != nil
}

// twiceDom is cleaned up twice.
var twiceDom rcuapi.SRCU

func closeTwice() error {
	twiceDom.Barrier()
	if err := twiceDom.Cleanup(); err != nil {
		return err
	}
	return twiceDom.Cleanup() // want `^RCU6005: Cleanup of SRCU domain twiceDom after its Cleanup`
}

// lateDom gets its Barrier after its Cleanup.
var lateDom rcuapi.SRCU

func barrierAfter() error {
	err := lateDom.Cleanup()
	lateDom.Barrier() // want `^RCU6005: Barrier of SRCU domain lateDom after its Cleanup`
	return err
}

// pendingDom is asked for its backlog after its Cleanup.
var pendingDom rcuapi.SRCU

func pendingAfter() int {
	pendingDom.Barrier()
	pendingDom.Cleanup()
	return pendingDom.Pending() // want `^RCU6005: Pending of SRCU domain pendingDom after its Cleanup`
}

// ptrDom is a pointer made by NewSRCU.
var ptrDom = rcuapi.NewSRCU("journal")

// deferDom is waited for by a deferred call, which runs after the Cleanup.
var deferDom rcuapi.SRCU

// helperDom is drained through a helper of another package after its
// Cleanup: modhelpers.Drain calls its Barrier.
var helperDom rcuapi.SRCU

// helperAfter drains helperDom after its Cleanup.
func helperAfter() {
	helperDom.Barrier()
	helperDom.Cleanup()
	modhelpers.Drain(&helperDom) // want `^RCU6005: Drain of SRCU domain helperDom after its Cleanup`
}

// localHelperDom is read through a helper of this package after Cleanup.
var localHelperDom rcuapi.SRCU

func readOn(d *rcuapi.SRCU) int {
	s := d.ReadLock()
	defer d.ReadUnlock(s)
	return 1
}

func localHelperAfter() int {
	localHelperDom.Cleanup()
	return readOn(&localHelperDom) // want `^RCU6005: readOn of SRCU domain localHelperDom after its Cleanup`
}

// chainDom is used two calls down after its Cleanup.
var chainDom rcuapi.SRCU

func readTwice(d *rcuapi.SRCU) int { return readOn(d) + readOn(d) }

func chainAfter() int {
	chainDom.Cleanup()
	return readTwice(&chainDom) // want `^RCU6005: readTwice of SRCU domain chainDom after its Cleanup`
}

// gateway holds its domain by pointer.
type gateway struct{ d *rcuapi.SRCU }

// fieldHelperAfter hands the domain in a field, loaded again after its
// Cleanup, to a helper that uses it.
func (g *gateway) fieldHelperAfter() {
	g.d.Cleanup()
	readTwice(g.d) // want `^RCU6005: readTwice of the SRCU domain in field gateway\.d after its Cleanup`
}

// okFieldHelperBefore uses it before.
func (g *gateway) okFieldHelperBefore() {
	readTwice(g.d)
	g.d.Cleanup()
}

// A deferred Barrier runs when the function returns: after the Cleanup
// the return statement makes.
type attachments struct {
	dom *rcuapi.SRCU
}

func (a *attachments) Close() error {
	defer a.dom.Barrier() // want `RCU6005: Barrier of the SRCU domain a\.dom runs after its Cleanup`
	return a.dom.Cleanup()
}
