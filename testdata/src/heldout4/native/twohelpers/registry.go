// Case: service registry's Register and Deregister read the published endpoint list through one helper and publish a changed copy through another, with no lock; both run concurrently from the heartbeat handlers
// Source: opentelemetry-go PR #1079 (register and unregister did Load-copy-Store on one slot without a common lock); hashicorp/consul-style catalog updates from concurrent RPC handlers; Documentation/RCU/checklist.rst item 1
// Kind: bad
// Pair: native/twohelpersfix

package twohelpers

import (
	"slices"
	"sync/atomic"
)

type Instance struct {
	ID   string
	Addr string
}

var endpoints atomic.Pointer[[]Instance]

func init() {
	endpoints.Store(&[]Instance{})
}

// snapshot returns the published list; callers must not change it.
func snapshot() []Instance { return *endpoints.Load() }

// publish makes list the current one.
func publish(list []Instance) { endpoints.Store(&list) }

func Register(in Instance) {
	cur := snapshot()
	next := slices.Clone(cur)
	next = append(next, in)
	publish(next) // expect RCU7001
}

func Deregister(id string) {
	cur := snapshot()
	next := slices.DeleteFunc(slices.Clone(cur), func(in Instance) bool { return in.ID == id })
	publish(next) // expect RCU7001
}

// Lookup is called by resolvers.
func Lookup() []Instance { return snapshot() }
