// Package notown queues no callback of its own: modhelpers.Tick queues a
// function of modhelpers, and the function this package queues itself
// belongs to another package and never calls into this one. Its Exit has
// nothing to wait for.
package notown

import (
	"sync"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var wg sync.WaitGroup

func Tick() {
	modhelpers.Tick()
	wg.Add(1)
	rcuapi.Call(wg.Done)
}

func exit() {}

var Module = &rcuapi.Module{Name: "ticks", Exit: exit}
