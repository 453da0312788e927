package rcu6004

import (
	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// goodDom gets its Barrier right before its Cleanup.
var goodDom rcuapi.SRCU

func goodRetire(p *page) { goodDom.Call(p.close) }

func goodClose() error {
	goodDom.Barrier() // run the callbacks that goodRetire queued
	return goodDom.Cleanup()
}

// drainedDom gets its Barrier from modhelpers.Drain, through inner.Drain,
// two levels down in other packages.
var drainedDom rcuapi.SRCU

func drainedRetire(p *page) { modhelpers.RetireOn(&drainedDom, p.close) }

func drainedClose() error {
	modhelpers.Drain(&drainedDom)
	return drainedDom.Cleanup()
}

// A store keeps its SRCU domain in a field and waits for it in a method
// of its own before the Cleanup.
type store struct{ dom rcuapi.SRCU }

func (s *store) retire(p *page) { s.dom.Call(p.close) }

func (s *store) drain() { s.dom.Barrier() }

func (s *store) close() error {
	s.drain()
	return s.dom.Cleanup()
}

// quietDom has readers only: no callback is ever queued on it.
var quietDom rcuapi.SRCU

func quietRead() int {
	s := quietDom.ReadLock()
	defer quietDom.ReadUnlock(s)
	return 1
}

func quietClose() error { return quietDom.Cleanup() }

// pathsDom gets its Barrier on every path that reaches a Cleanup.
var pathsDom rcuapi.SRCU

func pathsRetire(p *page) { pathsDom.Call(p.close) }

func pathsClose(hurry bool) error {
	if hurry {
		pathsDom.Barrier()
		return pathsDom.Cleanup()
	}
	pathsDom.Synchronize()
	pathsDom.Barrier()
	return pathsDom.Cleanup()
}

// allDom gets its Barrier, and classic RCU its own, from modhelpers.DrainAll.
var allDom rcuapi.SRCU

func allRetire(p *page) {
	allDom.Call(p.close)
	rcuapi.Call(p.close)
}

func allClose() error {
	modhelpers.DrainAll(&allDom)
	return allDom.Cleanup()
}

// deferredCleanupDom: the Barrier comes first, the Cleanup is deferred.
var deferredCleanupDom rcuapi.SRCU

func deferredCleanupRetire(p *page) { deferredCleanupDom.Call(p.close) }

func deferredCleanupClose(last *page) {
	deferredCleanupDom.Barrier()
	defer deferredCleanupDom.Cleanup()
	last.close()
}

// ptrGoodDom is a pointer made by NewSRCU, drained before its Cleanup.
var ptrGoodDom = rcuapi.NewSRCU("good")

func ptrGoodRetire(p *page) { ptrGoodDom.Call(p.close) }

func ptrGoodClose() error {
	ptrGoodDom.Barrier()
	return ptrGoodDom.Cleanup()
}

// goodBatch makes a domain of its own for one batch and waits for the
// batch's callbacks before its Cleanup.
func goodBatch(pages []*page) error {
	d := rcuapi.NewSRCU("batch")
	for _, p := range pages {
		d.Call(p.close)
	}
	d.Barrier()
	return d.Cleanup()
}

// okLifoDom defers its Cleanup first and its Barrier second: the Barrier
// runs first.
var okLifoDom rcuapi.SRCU

func okLifoRetire(p *page) { okLifoDom.Call(p.close) }

func okLifoClose() {
	defer okLifoDom.Cleanup()
	defer okLifoDom.Barrier()
}

// okBarrierBeforeReturnDom defers its Cleanup and waits with Barrier
// before every return.
var okBarrierBeforeReturnDom rcuapi.SRCU

func okBarrierBeforeReturnRetire(p *page) { okBarrierBeforeReturnDom.Call(p.close) }

func okBarrierBeforeReturnClose(last *page) error {
	defer okBarrierBeforeReturnDom.Cleanup()
	if last == nil {
		okBarrierBeforeReturnDom.Barrier()
		return nil
	}
	okBarrierBeforeReturnRetire(last)
	okBarrierBeforeReturnDom.Barrier()
	return nil
}

// okLocalBarrier makes an SRCU domain of its own and waits for its
// callbacks before Cleanup.
func okLocalBarrier(p *page) error {
	d := rcuapi.NewSRCU("local")
	d.Call(p.close)
	d.Barrier()
	return d.Cleanup()
}

// okLocalHelperBarrier waits through a helper of another package.
func okLocalHelperBarrier(p *page) {
	var d rcuapi.SRCU
	modhelpers.RetireOn(&d, p.close)
	modhelpers.Drain(&d)
	d.Cleanup()
}

// okLocalNoCallbacks cleans up a domain it only read under.
func okLocalNoCallbacks() {
	d := rcuapi.NewSRCU("readers")
	s := d.ReadLock()
	d.ReadUnlock(s)
	d.Cleanup()
}
