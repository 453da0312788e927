// Package helperfirst splits its Exit over helpers in the right order: a
// helper that stops the posting goroutine, then one that waits with
// Barrier (in another package).
package helperfirst

import (
	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

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

func start() error { go w.run(); return nil }

func exit() {
	w.stop()
	modhelpers.StopAll()
}

var Module = &rcuapi.Module{Name: "helperfirst", Init: start, Exit: exit}
