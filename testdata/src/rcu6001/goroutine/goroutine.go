// Package goroutine queues callbacks from a goroutine of its own, and its
// Exit runs Barrier on another goroutine instead of waiting for it.
package goroutine

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	done  = make(chan struct{})
	ticks int
)

func tick() { ticks++ }

func start() error {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if rcuapi.Pending() < 100 {
					rcuapi.Call(tick)
				}
			case <-done:
				return
			}
		}
	}()
	return nil
}

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at goroutine.go:\d+\): they could run after the module is gone; stop queueing them, then call rcuapi\.Barrier\(\) before Exit returns$`
	close(done)
	go rcuapi.Barrier() // nobody waits for it
}

var Module = &rcuapi.Module{Name: "ticker", Init: start, Exit: exit}
