// Case: a reader that sees a reload in progress waits for a classic grace period (through a helper) while its own classic section is open: self-deadlock
// Source: facebook/folly issue #1211 "Deadlock possible between rcu_retire and synchronize_rcu" (https://github.com/facebook/folly/issues/1211): synchronize_rcu() must not be called while the thread holds a reader
// Kind: bad
// Pair: follysyncinreaderfix

package follysyncinreader

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Flags is a feature-flag snapshot.
type Flags struct {
	Gen     uint64
	Enabled map[string]bool
}

var (
	mu        sync.Mutex
	flags     rcuapi.Pointer[Flags]
	reloading atomic.Bool
)

// settle waits until readers of the previous snapshot are gone.
func settle() {
	rcuapi.Synchronize()
}

// Enabled reports whether feature name is on. While a reload is running it
// waits for the reload to settle first. (Assumed position: the report belongs
// on the call inside the section that leads to the wait.)
func Enabled(name string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if reloading.Load() {
		settle() // expect RCU1006
	}
	return flags.Dereference(s).Enabled[name]
}

// Reload publishes next.
func Reload(next *Flags) {
	reloading.Store(true)
	defer reloading.Store(false)
	mu.Lock()
	flags.Assign(next)
	mu.Unlock()
	settle()
}
