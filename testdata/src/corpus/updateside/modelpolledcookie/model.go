// Case: a polled grace-period cookie is taken before the old model is unpublished, so waiting on it does not cover readers that found the old model later
// Source: issue 13 item 15 (a StartPoll/GetState cookie taken before the unpublish does not cover it); kernel rule for get_state_synchronize_rcu()/cond_synchronize_rcu(): the cookie must be snapshotted after the removal (checklist item 15: first remove the readers' path, only then start the wait, https://review.tizen.org/git/?a=commitdiff&h=0612ea00a010e36fde61e7b7649a1105b0ef1080&p=platform%2Fkernel%2Fkernel-mfld-blackbay.git)
// Kind: bad
// Pair: modelpolledcookiefix

package modelpolledcookie

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var arenas = sync.Pool{New: func() any { return make([]float32, 0, 1<<16) }}

// Model is a scoring model whose weights live in a pooled arena.
type Model struct {
	Name    string
	weights []float32
}

// Close returns the model's arena to the pool.
func (m *Model) Close() { arenas.Put(m.weights[:0]) }

var (
	mu    sync.Mutex
	model rcuapi.Pointer[Model]
)

// Score returns the dot product of features with the current weights.
func Score(features []float32) (sum float32) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	w := model.Dereference(s).weights
	for i := range min(len(w), len(features)) {
		sum += w[i] * features[i]
	}
	return sum
}

// Swap installs next and releases the old model once its readers are gone.
// The grace period is started early to overlap with the swap. (Assumed
// position: the report belongs on the destroy; the early StartPoll is the
// related position.)
func Swap(next *Model) {
	st := rcuapi.StartPoll()
	mu.Lock()
	old := model.Replace(next, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.CondSynchronize(st)
	old.Close() // expect RCU2004
}
