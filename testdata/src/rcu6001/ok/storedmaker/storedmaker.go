// Package storedmaker is storedmaker with the Barrier its Exit needs.
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

func exit() {
	registry.Flush()
	rcuapi.Barrier()
}

var Module = &rcuapi.Module{Name: "storedmaker", Exit: exit}
