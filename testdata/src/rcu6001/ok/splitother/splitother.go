// Package splitother queues its callbacks through helpers of other
// packages and splits its Exit over helpers of other packages: what they
// queue and what they wait for travels as facts, two levels deep.
package splitother

import (
	"os"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entry struct{ f *os.File }

func (e *entry) release() { e.f.Close() }

var dom rcuapi.SRCU

func Drop(e *entry) {
	modhelpers.Retire(e.release)
	modhelpers.RetireOn(&dom, e.release)
}

func stopAll() { modhelpers.StopAll() }

func exit() {
	stopAll()
	modhelpers.Drain(&dom)
}

var Module = &rcuapi.Module{Name: "entries", Exit: exit}
