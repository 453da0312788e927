// Case: the polled grace-period cookie is taken after the old model is unpublished
// Source: issue 13 item 15; kernel rule for get_state_synchronize_rcu(): snapshot after the removal, then cond_synchronize_rcu() before freeing
// Kind: fixed
// Pair: modelpolledcookie

package modelpolledcookiefix

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
func Swap(next *Model) {
	mu.Lock()
	old := model.Replace(next, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	st := rcuapi.StartPoll()
	rcuapi.CondSynchronize(st)
	old.Close()
}
