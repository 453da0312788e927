// Package builder makes its modules through helpers that build Modules,
// of this package and of another; both Exits wait for the callbacks.
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

func exit() {
	rcuapi.Barrier()
	events = nil
}

var Local = newModule("local", exit)

var Remote = modhelpers.NewModule("remote", func() {
	modhelpers.StopAll()
	events = nil
})
