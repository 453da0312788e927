package rcuapi_test

import (
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// route is one entry of a routing table.
type route struct {
	prefix  string
	gateway string
}

// A routing table kept in a List: readers walk it inside a section while
// the updater, holding its lock, adds, replaces and removes entries. An
// entry taken out of the list is dropped only after a grace period.
func ExampleList() {
	var (
		routes rcuapi.List[route]
		mu     sync.Mutex // serialises the updaters
	)
	mu.Lock()
	routes.PushBack(route{"10.0.0.0/8", "gw1"})
	routes.PushBack(route{"192.168.0.0/16", "gw2"})
	routes.PushFront(route{"0.0.0.0/0", "gw0"})
	mu.Unlock()

	// The read side: for ... range over All, inside a section.
	lookup := func(prefix string) string {
		s := rcuapi.ReadLock()
		defer rcuapi.ReadUnlock(s)
		for e := range routes.All(s) {
			if e.Value.prefix == prefix {
				return e.Value.gateway // a string: a copy, safe after the section
			}
		}
		return "none"
	}
	fmt.Println("10.0.0.0/8 via", lookup("10.0.0.0/8"))

	// The update side: find under the lock, then replace or remove.
	mu.Lock()
	for e := range routes.AllProtected(&mu) {
		switch e.Value.prefix {
		case "10.0.0.0/8":
			routes.Replace(e, route{e.Value.prefix, "gw3"})
		case "192.168.0.0/16":
			routes.Remove(e)
		}
	}
	mu.Unlock()
	rcuapi.Synchronize() // readers that were standing on the old elements have moved on

	fmt.Println("10.0.0.0/8 via", lookup("10.0.0.0/8"))
	fmt.Println("192.168.0.0/16 via", lookup("192.168.0.0/16"))
	fmt.Println("entries:", routes.Len())
	// Output:
	// 10.0.0.0/8 via gw1
	// 10.0.0.0/8 via gw3
	// 192.168.0.0/16 via none
	// entries: 2
}
