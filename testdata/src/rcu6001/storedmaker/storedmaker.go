// Package storedmaker hands another package callbacks that a function of
// its own makes (a closure returned by release): they are its callbacks
// all the same, and its Exit must wait for them.
package storedmaker

import (
	"fixtures/rcu6001/registry"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type blob struct{ data []byte }

func release(b *blob) func() {
	return func() { clear(b.data) }
}

func put(b *blob) {
	registry.Later(release(b))
}

func exit() { // want `RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU`
	registry.Flush()
}

var Module = &rcuapi.Module{Name: "storedmaker", Exit: exit}
