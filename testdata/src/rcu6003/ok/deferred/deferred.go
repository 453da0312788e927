// Package deferred defers its Barrier: it runs after the stop, when Exit
// returns.
package deferred

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	ticker *time.Ticker
	seen   int
)

func count() { seen++ }

func loop() {
	for range ticker.C {
		rcuapi.Call(count)
	}
}

func start() error {
	ticker = time.NewTicker(time.Second)
	go loop()
	return nil
}

func exit() {
	defer rcuapi.Barrier()
	ticker.Stop()
}

var Module = &rcuapi.Module{Name: "deferred", Init: start, Exit: exit}
