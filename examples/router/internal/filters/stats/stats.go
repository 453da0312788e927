// Package stats is a filter that counts the requests that reach it. It
// folds its count into Counters asynchronously, from an RCU callback, with
// at most one flush queued at a time, so that requests never wait for it.
package stats

import (
	"net/http"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/examples/router/internal/chain"
	"github.com/rcuvet/rcuvet/rcuapi"
)

// Counters is where stats filters report.
type Counters struct {
	Callbacks atomic.Int64 // flushes run (RCU callbacks)
	Flushed   atomic.Int64 // requests counted
}

type filter struct {
	chain   *chain.Chain
	sink    *Counters
	mod     rcuapi.Module
	elem    *rcuapi.Element[chain.Filter]
	stopped atomic.Bool  // set by Exit: queue no more callbacks
	queued  atomic.Bool  // a flush is queued
	count   atomic.Int64 // requests seen and not flushed yet
}

// New returns an unloaded stats module that attaches its filter to c and
// reports to sink.
func New(c *chain.Chain, sink *Counters) *rcuapi.Module {
	f := &filter{chain: c, sink: sink}
	f.mod = rcuapi.Module{Name: "stats", Init: f.init, Exit: f.exit}
	return &f.mod
}

func (f *filter) init() error {
	f.elem = f.chain.Attach(chain.Filter{Module: &f.mod, Stage: f})
	return nil
}

func (f *filter) Before(*http.Request, http.Header) int { return 0 }

func (f *filter) After(int) {
	f.count.Add(1)
	if !f.stopped.Load() && f.queued.CompareAndSwap(false, true) {
		rcuapi.Call(f.flush)
	}
}

// flush is the callback: it runs after a grace period, on a runtime
// goroutine, and must not block.
func (f *filter) flush() {
	f.queued.Store(false)
	f.fold()
	f.sink.Callbacks.Add(1)
}

func (f *filter) fold() { f.sink.Flushed.Add(f.count.Swap(0)) }

// exit tears the filter down. Unload runs it only when no request holds a
// reference and none can take one, so no After (the only code that queues
// callbacks) is running; the stopped flag makes that explicit.
func (f *filter) exit() {
	f.chain.Detach(f.elem)
	f.stopped.Store(true)
	// Flushes queued before this point still use f. A grace period would
	// not cover them (Synchronize waits for readers, not for callbacks), so
	// wait for the callbacks themselves. Barrier must come after the code
	// that stops new ones, or a flush could be queued behind its back.
	rcuapi.Barrier()
	f.fold() // what was counted after the last flush
}
