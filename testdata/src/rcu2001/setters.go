package rcu2001

import (
	"fixtures/setters"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// A setter of another package, one that knows nothing of RCU, called on an
// object after it was published writes into it as surely as a field
// assignment does.

var defaultRoute rcuapi.Pointer[setters.Route]

func publishThenSet(metric int) {
	mu.Lock()
	defer mu.Unlock()
	r := setters.New("0.0.0.0/0")
	r.AddHop("gw")
	defaultRoute.Assign(r)
	r.SetMetric(metric) // want `RCU2001: write into an object after Assign published it`
}

// setThenPublish finishes the route first: correct.
func setThenPublish(metric int) {
	mu.Lock()
	defer mu.Unlock()
	r := setters.New("0.0.0.0/0")
	r.AddHop("gw")
	r.SetMetric(metric)
	defaultRoute.Assign(r)
}

// publishThenHit counts under the route's own lock: not an update readers
// must not see.
func publishThenHit() {
	mu.Lock()
	defer mu.Unlock()
	r := setters.New("::/0")
	defaultRoute.Assign(r)
	r.Hit()
}
