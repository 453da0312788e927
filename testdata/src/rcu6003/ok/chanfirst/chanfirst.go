// Package chanfirst closes the channel its posting goroutine waits on,
// waits for the goroutine, then waits with Barrier.
package chanfirst

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	done = make(chan struct{})
	in   = make(chan int)
	wg   sync.WaitGroup
	sum  int
)

func start() error {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case n := <-in:
				rcuapi.Call(func() { sum += n })
			case <-done:
				return
			}
		}
	}()
	return nil
}

func exit() {
	close(done)
	wg.Wait()
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "chanfirst", Init: start, Exit: exit}
