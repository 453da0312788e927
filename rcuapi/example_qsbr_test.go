package rcuapi_test

import (
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// prices is a price list that workers read on every request.
type prices struct {
	version int
	byItem  map[string]int
}

// A QSBR domain gives worker loops the cheapest read sections. Each worker
// registers a handle, goes offline while it waits for the next request,
// reads inside a section, and announces a quiescent state after each
// request, when it holds no reference into the protected data. An updater's
// grace period ends once every online worker has passed a quiescent state.
func ExampleQSBR() {
	dom := rcuapi.NewQSBR("prices")
	var (
		current rcuapi.Pointer[prices]
		mu      sync.Mutex
	)
	current.Init(&prices{version: 1, byItem: map[string]int{"tea": 3, "coffee": 4}})

	requests := make(chan string)
	answers := make(chan int)
	var workers sync.WaitGroup
	for range 2 {
		workers.Add(1)
		go func() {
			defer workers.Done()
			r := dom.Register()
			defer r.Unregister()
			for {
				r.Offline() // waiting for work: hold up no grace period
				item, ok := <-requests
				r.Online()
				if !ok {
					return
				}
				s := r.ReadLock()
				price := current.Dereference(s).byItem[item]
				r.ReadUnlock(s)
				r.Quiescent() // nothing read above is still in use
				answers <- price
			}
		}()
	}
	ask := func(item string) int {
		requests <- item
		return <-answers
	}
	fmt.Println("tea costs", ask("tea"))

	// The updater: publish a new list, wait for the workers to quiesce,
	// then the old list is no longer seen by anybody.
	mu.Lock()
	old := current.Replace(&prices{version: 2, byItem: map[string]int{"tea": 5, "coffee": 4}}, &mu)
	mu.Unlock()
	dom.Synchronize() // this goroutine has no handle of dom, so it may wait
	fmt.Println("version", old.version, "retired")

	fmt.Println("tea costs", ask("tea"))
	close(requests)
	workers.Wait()
	// Output:
	// tea costs 3
	// version 1 retired
	// tea costs 5
}
