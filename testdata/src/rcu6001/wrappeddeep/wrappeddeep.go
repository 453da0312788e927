// Package wrappeddeep hands a method value to modhelpers.RetireLogged,
// whose helper inner.QueueLogged, two levels down, wraps it in a closure of
// package inner before queueing it. The Exit does not wait for it.
package wrappeddeep

import (
	"bufio"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type journal struct{ w *bufio.Writer }

func (j *journal) flush() { j.w.Flush() }

var j journal

func Commit() { modhelpers.RetireLogged(j.flush) }

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at wrappeddeep.go:\d+\): they could run after the module is gone; stop queueing them, then call rcuapi\.Barrier\(\) before Exit returns$`
	j.w = nil
}

var Module = &rcuapi.Module{Name: "journal", Exit: exit}
