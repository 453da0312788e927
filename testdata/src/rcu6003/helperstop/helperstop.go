// Package helperstop splits its Exit over helpers: the Barrier comes
// first, then a helper that stops the posting goroutine.
package helperstop

import "github.com/rcuvet/rcuvet/rcuapi"

type worker struct {
	quit chan struct{}
	work chan int
}

var w = &worker{quit: make(chan struct{}), work: make(chan int)}

func (w *worker) run() {
	for {
		select {
		case n := <-w.work:
			rcuapi.Call(func() { _ = n })
		case <-w.quit:
			return
		}
	}
}

func (w *worker) stop() { close(w.quit) }

func drain() { rcuapi.Barrier() }

func start() error { go w.run(); return nil }

func exit() {
	drain() // want `RCU6003: exit, a module's Exit, waits for the callbacks queued on classic RCU before the code at helperstop.go:\d+ calls stop, which closes the channel the posting code waits on`
	w.stop()
}

var Module = &rcuapi.Module{Name: "helperstop", Init: start, Exit: exit}
