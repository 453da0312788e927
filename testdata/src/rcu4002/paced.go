package rcu4002

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Loops whose pace or length is visible: not reported.

var entries rcuapi.List[*update]

// tickerPaced queues at most one callback per tick: the ticker limits the
// backlog.
func tickerPaced(stop <-chan struct{}, next func() update) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			u := next()
			rcuapi.Call(func() { _ = u })
		}
	}
}

// afterPaced waits on time.After before each callback.
func afterPaced(next func() update) {
	for {
		<-time.After(10 * time.Millisecond)
		u := next()
		rcuapi.Call(func() { _ = u })
	}
}

// overList retires each element of a list: a traversal of a collection,
// as long as the list.
func overList(s rcuapi.Section) {
	for e := range entries.All(s) {
		u := e.Value
		rcuapi.Call(func() { _ = u })
	}
}

// workPaced queues per request: the requests are unbounded, reported.
func workPaced(reqs <-chan update) {
	for {
		u := <-reqs
		rcuapi.Call(func() { _ = u }) // want `RCU4002: Call in a loop with no condition \(at paced.go:\d+\)`
	}
}
