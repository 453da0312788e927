// Package nosignal queues callbacks only from calls its users make; its
// Exit waits with Barrier and then tears down a channel that the posting
// code only sends on.
package nosignal

import "github.com/rcuvet/rcuvet/rcuapi"

var results = make(chan int, 16)

// Retire queues fn's result to be sent after a grace period.
func Retire(fn func() int) {
	rcuapi.Call(func() {
		select {
		case results <- fn():
		default:
		}
	})
}

func exit() {
	rcuapi.Barrier()
	close(results)
}

var Module = &rcuapi.Module{Name: "nosignal", Exit: exit}
