// Case: rate-limit plugin module frees replaced bucket tables with classic RCU callbacks, and its Exit waits for a grace period believing that this also waits for the queued frees
// Source: Documentation/RCU/rcubarrier.rst ("synchronize_rcu() does not wait for callbacks"; use rcu_barrier() before unloading); checklist.rst item 18
// Kind: bad
// Pair: -

package exitsync

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type buckets struct {
	tokens map[string]float64
}

type limiter struct {
	mu    sync.Mutex
	table rcuapi.Pointer[buckets]
	off   bool
}

var lim limiter

// Resize is called by the control plane while the module is loaded.
func Resize(n int) {
	lim.mu.Lock()
	if lim.off {
		lim.mu.Unlock()
		return
	}
	old := lim.table.Replace(&buckets{tokens: make(map[string]float64, n)}, &lim.mu)
	lim.mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { clear(old.tokens) })
	}
}

var Module = &rcuapi.Module{
	Name: "ratelimit",
	Exit: func() {
		lim.mu.Lock()
		lim.off = true
		old := lim.table.Replace(nil, &lim.mu)
		lim.mu.Unlock()
		if old != nil {
			rcuapi.Call(func() { clear(old.tokens) })
		}
		rcuapi.Synchronize() // expect RCU6002
	},
}
