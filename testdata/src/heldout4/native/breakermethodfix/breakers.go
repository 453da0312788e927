// Case: circuit-breaker registry's Trip and Reset hold one writer mutex around their load, clone and store
// Source: grpc-go PR #9157 (ORCA ServerMetricsRecorder setters load, copy and store with no lock) and kubernetes PR #125052 ("two parallel .Set calls will result in one winner and one loser"); Documentation/RCU/checklist.rst item 1
// Kind: fixed
// Pair: native/breakermethod

package breakermethodfix

import (
	"maps"
	"sync"
	"sync/atomic"
	"time"
)

type state struct {
	Open  bool
	Until time.Time
}

// Registry tracks which downstream hosts are currently short-circuited.
type Registry struct {
	mu     sync.Mutex // serialises Trip and Reset
	states atomic.Pointer[map[string]state]
}

func NewRegistry() *Registry {
	r := &Registry{}
	m := map[string]state{}
	r.states.Store(&m)
	return r
}

// Trip opens the breaker of host for d. Called from failing requests.
func (r *Registry) Trip(host string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	next := maps.Clone(*r.states.Load())
	next[host] = state{Open: true, Until: time.Now().Add(d)}
	r.states.Store(&next)
}

// Reset closes the breaker of host after a successful probe.
func (r *Registry) Reset(host string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	next := maps.Clone(*r.states.Load())
	delete(next, host)
	r.states.Store(&next)
}

// Allow is on the request path.
func (r *Registry) Allow(host string) bool {
	st, ok := (*r.states.Load())[host]
	return !ok || !st.Open || time.Now().After(st.Until)
}
