// Case: the reader waits for the reload to settle before it enters its section
// Source: facebook/folly issue #1211 (https://github.com/facebook/folly/issues/1211); fix: no grace-period wait while a reader of the same domain is held
// Kind: fixed
// Pair: follysyncinreader

package follysyncinreaderfix

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

// Enabled reports whether feature name is on, waiting for a running reload
// to settle first.
func Enabled(name string) bool {
	if reloading.Load() {
		settle()
	}
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
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
