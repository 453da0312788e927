// Package busafter queues callbacks from an event subscriber, and its
// Exit waits for them before it unsubscribes: an event in between queues
// one that runs after the module is gone.
package busafter

import (
	"fixtures/rcu6003/busafter/bus"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var hook int

func onEvent(name string) {
	rcuapi.Call(func() { _ = name })
}

func start() error {
	hook = bus.Default.Subscribe(onEvent)
	return nil
}

func exit() {
	rcuapi.Barrier() // want `^RCU6003: exit, a module's Exit, waits for the callbacks queued on classic RCU before the code at busafter\.go:\d+ unregisters the posting code \(Unsubscribe\)`
	bus.Default.Unsubscribe(hook)
}

var Module = &rcuapi.Module{Name: "busafter", Init: start, Exit: exit}
