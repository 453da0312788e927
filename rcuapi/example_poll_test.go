package rcuapi_test

import (
	"fmt"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// buffer is memory that readers may still be looking at after it was
// unpublished.
type buffer struct {
	data  []byte
	state rcuapi.GPState // the grace period that must end before reuse
}

// Polled grace periods let an updater retire objects without blocking: it
// notes the grace-period state when it unpublishes an object, and reuses the
// object only once PollState reports that grace period complete.
// CondSynchronize waits only if it has not completed yet.
func ExamplePollState() {
	var free []*buffer // unpublished buffers, oldest first

	retire := func(b *buffer) {
		b.state = rcuapi.StartPoll() // start a grace period without waiting for it
		free = append(free, b)
	}
	// reuse returns the oldest retired buffer whose grace period has ended,
	// or nil: it never blocks.
	reuse := func() *buffer {
		if len(free) > 0 && rcuapi.PollState(free[0].state) {
			b := free[0]
			free = free[1:]
			return b
		}
		return nil
	}

	retire(&buffer{data: make([]byte, 4096)})
	rcuapi.CondSynchronize(free[0].state) // here: wait, so the output is certain
	if b := reuse(); b != nil {
		fmt.Println("reused a buffer of", len(b.data), "bytes")
	}

	// The zero GPState names a grace period that has always completed.
	fmt.Println("zero state complete:", rcuapi.PollState(rcuapi.GPState{}))
	// Output:
	// reused a buffer of 4096 bytes
	// zero state complete: true
}
