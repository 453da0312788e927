// Case: service registry's Register and Deregister hold one writer mutex across the read helper, the copy and the publish helper
// Source: opentelemetry-go PR #1079 (register and unregister did Load-copy-Store on one slot without a common lock); hashicorp/consul-style catalog updates from concurrent RPC handlers; Documentation/RCU/checklist.rst item 1
// Kind: fixed
// Pair: native/twohelpers

package twohelpersfix

import (
	"slices"
	"sync"
	"sync/atomic"
)

type Instance struct {
	ID   string
	Addr string
}

var (
	endpoints atomic.Pointer[[]Instance]
	writeMu   sync.Mutex // held by every updater from snapshot to publish
)

func init() {
	endpoints.Store(&[]Instance{})
}

// snapshot returns the published list; callers must not change it.
func snapshot() []Instance { return *endpoints.Load() }

// publish makes list the current one.
func publish(list []Instance) { endpoints.Store(&list) }

func Register(in Instance) {
	writeMu.Lock()
	defer writeMu.Unlock()
	cur := snapshot()
	next := slices.Clone(cur)
	next = append(next, in)
	publish(next)
}

func Deregister(id string) {
	writeMu.Lock()
	defer writeMu.Unlock()
	cur := snapshot()
	next := slices.DeleteFunc(slices.Clone(cur), func(in Instance) bool { return in.ID == id })
	publish(next)
}

// Lookup is called by resolvers.
func Lookup() []Instance { return snapshot() }
