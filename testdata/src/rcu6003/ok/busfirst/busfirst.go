// Package busfirst is busafter with its Exit in the right order.
package busfirst

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
	bus.Default.Unsubscribe(hook)
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "busfirst", Init: start, Exit: exit}
