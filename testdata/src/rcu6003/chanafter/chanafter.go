// Package chanafter queues callbacks from a goroutine of its own that
// runs until a channel is closed; Exit waits with Barrier and then closes
// the channel.
package chanafter

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

func exit() {
	rcuapi.Barrier() // want `RCU6003: exit, a module's Exit, waits for the callbacks queued on classic RCU before the code at chanafter.go:\d+ closes the channel the posting code waits on`
	close(done)
}

var Module = &rcuapi.Module{Name: "chanafter", Init: start, Exit: exit}
