// Package builder makes its modules through helpers that build Modules:
// newModule of this package, and modhelpers.NewModule of another. Neither
// Exit waits for the callbacks the package queues.
package builder

import (
	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var events []string

func record(ev string) {
	rcuapi.Call(func() { events = append(events, ev) })
}

func newModule(name string, exit func()) *rcuapi.Module {
	return &rcuapi.Module{Name: name, Exit: exit}
}

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at builder.go:\d+\): they could run after the module is gone; stop queueing them, then call rcuapi\.Barrier\(\) before Exit returns$`
	events = nil
}

var Local = newModule("local", exit)

var Remote = modhelpers.NewModule("remote", func() { // want `^RCU6001: the Exit function literal, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at builder.go:\d+\)`
	record("remote unloading")
})
