package rcuapi_test

import (
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// settings is a snapshot of a service's configuration. Once published it is
// never written again: an update builds a new snapshot.
type settings struct {
	listen  string
	backend string
}

// A configuration snapshot that request handlers read without a lock while
// an updater replaces it: the updater copies the current snapshot, changes
// the copy, publishes it, and waits for a grace period before it treats the
// old snapshot as unused.
func ExamplePointer() {
	var (
		current rcuapi.Pointer[settings] // read by every request
		mu      sync.Mutex               // serialises the updaters
	)
	current.Init(&settings{listen: ":8080", backend: "10.0.0.1"}) // no reader can see current yet

	// backend is the read side: no lock, no waiting. Copy out what is needed
	// before the section ends.
	backend := func() string {
		s := rcuapi.ReadLock()
		defer rcuapi.ReadUnlock(s)
		return current.Dereference(s).backend
	}
	fmt.Println("before:", backend())

	// The update side.
	mu.Lock()
	next := *current.Protected(&mu) // a copy: never write to what readers can see
	next.backend = "10.0.0.2"
	old := current.Replace(&next, &mu) // publish the finished copy
	mu.Unlock()
	rcuapi.Synchronize() // every reader that could see old has left its section
	fmt.Println("retired:", old.backend)

	fmt.Println("after:", backend())
	// Output:
	// before: 10.0.0.1
	// retired: 10.0.0.1
	// after: 10.0.0.2
}
