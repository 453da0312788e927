// Package splitother waits for readers and for callbacks through helpers
// of another package (two levels deep for the SRCU domain), after a
// Synchronize of its own.
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

var Module = modhelpers.NewModule("entries", func() {
	rcuapi.Synchronize()
	dom.Synchronize()
	modhelpers.StopAll()
	modhelpers.Drain(&dom)
})
