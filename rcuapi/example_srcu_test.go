package rcuapi_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// backendSet is the list of backends a proxy forwards to.
type backendSet struct {
	addrs []string
}

// An SRCU domain protects data whose readers block inside their section
// (here a sleep stands for network I/O). A slow reader delays only the
// updaters of its own domain, never the rest of the program. When the
// subsystem shuts down, Barrier waits for the callbacks queued on the domain
// and Cleanup ends its life.
func ExampleSRCU() {
	dom := rcuapi.NewSRCU("backends")
	var (
		current rcuapi.Pointer[backendSet]
		mu      sync.Mutex
	)
	current.Init(&backendSet{addrs: []string{"10.0.0.1", "10.0.0.2"}})

	// A reader that blocks inside its section: allowed under SRCU.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := dom.ReadLock()
		defer dom.ReadUnlock(s)
		set := current.Dereference(s)
		time.Sleep(10 * time.Millisecond) // a slow call to the first backend
		_ = set.addrs[0]
	}()

	// The updater publishes a new set and hands the old one to a callback
	// that runs after a grace period of this domain.
	mu.Lock()
	old := current.Replace(&backendSet{addrs: []string{"10.0.0.3"}}, &mu)
	mu.Unlock()
	var retired int
	dom.Call(func() { retired = len(old.addrs) }) // a callback must not block

	wg.Wait()
	// Shutdown: wait for the callbacks, then end the domain's life.
	dom.Barrier()
	fmt.Println("retired a set of", retired, "backends")
	if err := dom.Cleanup(); err != nil {
		fmt.Println("cleanup:", err)
		return
	}
	fmt.Println("domain cleaned up")
	// Output:
	// retired a set of 2 backends
	// domain cleaned up
}
