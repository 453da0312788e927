package bad

import "github.com/rcuvet/rcuvet/rcuapi"

type event struct{ id int }

// Drain retires one object per event received, with nothing that limits
// how many callbacks wait for a grace period.
func Drain(events chan event) {
	for ev := range events {
		rcuapi.Call(func() { _ = ev.id }) // want RCU4002
	}
}
