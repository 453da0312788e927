// Package deferred holds RCU6004 fixtures of the idiomatic teardowns: a
// domain made in the function and cleaned up by a deferred call, and a
// domain whose callbacks a helper of another package queues.
package deferred

import (
	"os"
	"sync"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type item struct{ f *os.File }

func (it *item) release() { it.f.Close() }

func newDomainDeferredCleanup(items []*item) {
	d := rcuapi.NewSRCU("batch")
	defer d.Cleanup() // want `RCU6004: Cleanup of the SRCU domain made in newDomainDeferredCleanup while callbacks may be queued`
	var wg sync.WaitGroup
	for _, it := range items {
		d.Call(it.release)
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := d.ReadLock()
			d.ReadUnlock(s)
		}()
	}
	wg.Wait()
}

func varDomainDeferredCleanup(items []*item) {
	var d rcuapi.SRCU
	defer d.Cleanup() // want `RCU6004: Cleanup of SRCU domain d while callbacks may be queued`
	for _, it := range items {
		d.Call(it.release)
	}
}

func literalDeferredCleanup(items []*item) {
	d := rcuapi.NewSRCU("lit")
	defer func() { d.Cleanup() }() // want `RCU6004: Cleanup of the SRCU domain made in literalDeferredCleanup while callbacks may be queued`
	for _, it := range items {
		d.Call(it.release)
	}
}

type pool struct {
	dom rcuapi.SRCU
	mu  sync.Mutex
}

func (p *pool) evict(it *item) {
	modhelpers.CloseLater(&p.dom, it.f)
}

func (p *pool) shutdown() error {
	return p.dom.Cleanup() // want `RCU6004: Cleanup of the SRCU domain in field pool\.dom while callbacks may be queued`
}

// Correct: Barrier deferred after the Cleanup runs before it.
func deferredBarrierThenCleanup(items []*item) {
	var d rcuapi.SRCU
	defer d.Cleanup()
	defer d.Barrier()
	for _, it := range items {
		d.Call(it.release)
	}
}

// Correct: Barrier before the deferred Cleanup runs.
func barrierBeforeReturn(items []*item) {
	d := rcuapi.NewSRCU("ok")
	defer d.Cleanup()
	for _, it := range items {
		d.Call(it.release)
	}
	d.Barrier()
}
