package rcuapi_test

import (
	"fmt"
	"slices"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// conn stands for something that must be closed once nobody uses it.
type conn struct {
	peer   string
	closed bool
}

func (c *conn) Close() { c.closed = true }

// A table of open connections by id: readers look connections up without a
// lock; an updater that removes one closes it only after a grace period,
// when no reader can still be using it.
func ExampleMap() {
	var conns rcuapi.Map[int, *conn]
	conns.Store(1, &conn{peer: "10.0.0.1"})
	conns.Store(2, &conn{peer: "10.0.0.2"})

	// Read side: look up and copy out what is needed before the section ends.
	s := rcuapi.ReadLock()
	var peer string
	if c, ok := conns.Load(s, 2); ok {
		peer = c.peer
	}
	rcuapi.ReadUnlock(s)
	fmt.Println("conn 2 talks to", peer)

	// Update side: unlink, wait for a grace period, then retire.
	if old, ok := conns.Delete(2); ok {
		rcuapi.Synchronize() // every reader that could see old has left its section
		old.Close()
		fmt.Println("closed the conn to", old.peer)
	}

	s = rcuapi.ReadLock()
	var ids []int
	for id := range conns.Range(s) {
		ids = append(ids, id)
	}
	rcuapi.ReadUnlock(s)
	slices.Sort(ids) // Range has no order
	fmt.Println("open:", ids, "Len:", conns.Len())
	// Output:
	// conn 2 talks to 10.0.0.2
	// closed the conn to 10.0.0.2
	// open: [1] Len: 1
}
