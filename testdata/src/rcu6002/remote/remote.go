// Package remote queues its callbacks on its SRCU domain through two
// levels of helpers of other packages (modhelpers.RetireOn, inner.QueueOn),
// and builds its module with modhelpers.NewModule. The Exit waits for a
// grace period of the domain instead of for its callbacks.
package remote

import (
	"os"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entry struct{ f *os.File }

func (e *entry) release() { e.f.Close() }

var dom rcuapi.SRCU

func Drop(e *entry) { modhelpers.RetireOn(&dom, e.release) }

func exit() {
	dom.Synchronize() // want `^RCU6002: exit, a module's Exit, waits for a grace period of SRCU domain dom, but this package queues callbacks there \(at remote\.go:\d+\) and a grace period does not wait for callbacks: call dom\.Barrier\(\) instead$`
}

var Module = modhelpers.NewModule("entries", exit)
