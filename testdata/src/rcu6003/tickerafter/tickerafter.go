// Package tickerafter queues a callback on every tick of a ticker it keeps
// in a package variable; Exit waits with Barrier, then stops the ticker.
package tickerafter

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
	rcuapi.Barrier() // want `RCU6003: .* before the code at tickerafter.go:\d+ stops the ticker that drives the posting code`
	ticker.Stop()
}

var Module = &rcuapi.Module{Name: "tickerafter", Init: start, Exit: exit}
