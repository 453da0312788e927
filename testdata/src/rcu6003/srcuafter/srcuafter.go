// Package srcuafter queues callbacks on an SRCU domain of its own from a
// goroutine, and its Exit waits for that domain's callbacks before it
// stops the goroutine (it does stop the classic poster first).
package srcuafter

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	dom     rcuapi.SRCU
	jobs    = make(chan int)
	quit    = make(chan struct{})
	wg      sync.WaitGroup
	flushed int
)

func serve() {
	defer wg.Done()
	for {
		select {
		case n := <-jobs:
			dom.Call(func() { flushed += n })
		case <-quit:
			return
		}
	}
}

func flush() { flushed++; rcuapi.Call(func() {}) }

func start() error {
	wg.Add(1)
	go serve()
	return nil
}

func exit() {
	rcuapi.Barrier()
	dom.Barrier() // want `RCU6003: exit, a module's Exit, waits for the callbacks queued on SRCU domain dom before the code at srcuafter.go:\d+ closes the channel the posting code waits on`
	close(quit)
	wg.Wait()
}

var Module = &rcuapi.Module{Name: "srcuafter", Init: start, Exit: exit}
