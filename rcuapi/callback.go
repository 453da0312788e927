package rcuapi

import (
	"math/rand/v2"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// callbacks is the callback queue of one domain. Callbacks are gathered into
// batches; one grace period serves a whole batch. A single goroutine per
// domain (started on demand, gone when the queue is empty) closes the open
// batch, waits for its grace period and hands it to a goroutine of its own,
// so that the next batch's grace period overlaps the running of this one.
type callbacks struct {
	mu       sync.Mutex
	open     *batch              // collecting new callbacks
	inflight map[*batch]struct{} // every batch not yet finished, open included
	worker   bool                // the batching goroutine is running
	pending  atomic.Int64        // callbacks queued or running
}

type batch struct {
	fns     []func() // a dropped callback is set to nil
	started bool     // its grace period has ended and it runs: nothing can be dropped
	done    chan struct{}
}

func (d *domain) call(fn func()) {
	if fn == nil {
		panic("rcuapi: Call with a nil function")
	}
	c := &d.cb
	c.mu.Lock()
	if d.dead() {
		c.mu.Unlock()
		panic(misuse{op: "Call", d: d, what: afterCleanup})
	}
	if c.open == nil {
		c.open = &batch{done: make(chan struct{})}
		if c.inflight == nil {
			c.inflight = make(map[*batch]struct{})
		}
		c.inflight[c.open] = struct{}{}
	}
	c.open.fns = append(c.open.fns, fn)
	c.pending.Add(1)
	if !c.worker {
		c.worker = true
		go d.batchCallbacks()
	}
	c.mu.Unlock()
}

func (d *domain) batchCallbacks() {
	c := &d.cb
	for {
		c.mu.Lock()
		b := c.open
		if b == nil {
			c.worker = false
			c.mu.Unlock()
			return
		}
		c.open = nil
		c.mu.Unlock()

		d.gp.mu.Lock()
		d.waitGPLocked(d.gp.snapshotLocked(), false)

		c.mu.Lock()
		b.started = true
		c.mu.Unlock()
		go d.runBatch(b)
	}
}

func (d *domain) runBatch(b *batch) {
	switch loadCallbackMode() {
	case CallbackShuffled:
		rand.Shuffle(len(b.fns), func(i, j int) { b.fns[i], b.fns[j] = b.fns[j], b.fns[i] })
		fallthrough
	case CallbackInOrder:
		for _, fn := range b.fns {
			if fn != nil {
				d.invoke(fn)
			}
		}
	case CallbackParallel:
		var wg sync.WaitGroup
		for _, fn := range b.fns {
			if fn != nil {
				wg.Go(func() { d.invoke(fn) })
			}
		}
		wg.Wait()
	}
	c := &d.cb
	c.mu.Lock()
	delete(c.inflight, b)
	c.mu.Unlock()
	close(b.done)
}

// invoke runs one callback. With no panic handler installed, a panic
// propagates and ends the program as any goroutine's panic does; with one,
// the panic is recovered, reported to the handler, and the other callbacks
// still run.
func (d *domain) invoke(fn func()) {
	defer d.cb.pending.Add(-1)
	h := panicHandler.Load()
	if h == nil {
		fn()
		return
	}
	defer func() {
		if r := recover(); r != nil {
			(*h)(CallbackPanic{Domain: d.name, Value: r, Stack: debug.Stack()})
		}
	}()
	fn()
}

// barrier waits until every callback queued before it has run. It does not
// wait for a grace period of its own: with nothing queued it returns at once.
func (d *domain) barrier() {
	c := &d.cb
	c.mu.Lock()
	if d.dead() {
		c.mu.Unlock()
		panic(misuse{op: "Barrier", d: d, what: afterCleanup})
	}
	waits := make([]chan struct{}, 0, len(c.inflight))
	for b := range c.inflight {
		waits = append(waits, b.done)
	}
	c.mu.Unlock()
	for _, w := range waits {
		<-w
	}
}

// dropQueued removes the callbacks that have not started and for which keep
// returns false; it returns their names.
func (d *domain) dropQueued(drop func(fn func()) bool) []string {
	c := &d.cb
	c.mu.Lock()
	defer c.mu.Unlock()
	var names []string
	for b := range c.inflight {
		if b.started {
			continue
		}
		for i, fn := range b.fns {
			if fn != nil && drop(fn) {
				names = append(names, funcName(fn))
				b.fns[i] = nil
				c.pending.Add(-1)
			}
		}
	}
	return names
}

// CallbackMode selects how each batch of callbacks runs once its grace
// period has ended. The modes exist to test that code does not depend on
// callback order (checklist items 12 and 13): callbacks may run in parallel
// and in any order in every mode.
type CallbackMode int32

const (
	// CallbackInOrder runs a batch in the order it was queued, on one
	// goroutine; different batches may still run in parallel. The default.
	CallbackInOrder CallbackMode = iota
	// CallbackShuffled runs each batch in a random order.
	CallbackShuffled
	// CallbackParallel runs every callback on a goroutine of its own.
	CallbackParallel
)

func (m CallbackMode) String() string {
	switch m {
	case CallbackInOrder:
		return "inorder"
	case CallbackShuffled:
		return "shuffled"
	case CallbackParallel:
		return "parallel"
	}
	return "CallbackMode(" + itoa(int(m)) + ")"
}

var callbackMode atomic.Int32

func loadCallbackMode() CallbackMode { return CallbackMode(callbackMode.Load()) }

// SetCallbackMode sets how callbacks of every domain run from now on and
// returns the previous mode. It panics on an unknown mode.
func SetCallbackMode(m CallbackMode) CallbackMode {
	if m < CallbackInOrder || m > CallbackParallel {
		panic("rcuapi: SetCallbackMode(" + m.String() + "): unknown mode")
	}
	return CallbackMode(callbackMode.Swap(int32(m)))
}

// CallbackPanic describes a callback that panicked.
type CallbackPanic struct {
	Domain string // "rcu" for classic RCU, else the SRCU or QSBR domain's name
	Value  any    // what the callback panicked with
	Stack  []byte // the callback goroutine's stack at the panic
}

var panicHandler atomic.Pointer[func(CallbackPanic)]

// SetCallbackPanicHandler installs h to receive panics of callbacks. With a
// handler, a panicking callback is recovered and reported to h, and the
// other callbacks still run. With none (the default, or h == nil), a panic
// in a callback ends the program like any unrecovered panic.
func SetCallbackPanicHandler(h func(CallbackPanic)) {
	if h == nil {
		panicHandler.Store(nil)
		return
	}
	panicHandler.Store(&h)
}
