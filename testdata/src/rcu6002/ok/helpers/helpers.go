// Package helpers waits for readers with modhelpers.WaitReaders and for
// callbacks with modhelpers.DrainAll, which waits, through package inner,
// for both domains the package queues callbacks on.
package helpers

import (
	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	dom  rcuapi.SRCU
	hits int
)

func hit() { hits++ }

func Hit() {
	rcuapi.Call(hit)
	dom.Call(hit)
}

func exit() {
	modhelpers.WaitReaders()
	modhelpers.DrainAll(&dom)
}

var Module = &rcuapi.Module{Name: "hits", Exit: exit}
