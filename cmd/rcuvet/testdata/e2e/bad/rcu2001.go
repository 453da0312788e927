package bad

import "github.com/rcuvet/rcuvet/rcuapi"

type route struct {
	path string
	hops int
}

var liveRoute rcuapi.Pointer[route]

// Publish makes the route visible before it is finished.
func Publish(path string) {
	r := &route{path: path}
	liveRoute.Assign(r)
	r.hops = 3 // want RCU2001
}
