// Case: model registry unloads retired models after a grace period of the SRCU domain its inference readers use
// Source: Documentation/RCU/checklist.rst item 7 (get_state_synchronize_rcu()/cond_synchronize_rcu() track classic RCU only; SRCU readers need the srcu_struct's own grace period); kernel fix making bpf_link_free() wait for tracepoint_srcu
// Kind: fixed
// Pair: modelreap

package modelreapfix

import (
	"errors"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoModel = errors.New("models: no such model")

// Model is a loaded model whose weights are memory-mapped; Unload unmaps
// them.
type Model struct {
	Name    string
	Predict func(features []float32) ([]float32, error) // may block on the accelerator
	Unload  func()
}

type Registry struct {
	mu      sync.Mutex // serialises Swap; guards retired
	dom     rcuapi.SRCU
	models  rcuapi.Map[string, *Model]
	retired []*Model
}

// Predict runs a model; the section spans the whole inference.
func (r *Registry) Predict(name string, features []float32) ([]float32, error) {
	s := r.dom.ReadLock()
	defer r.dom.ReadUnlock(s)
	m, ok := r.models.Load(s, name)
	if !ok {
		return nil, ErrNoModel
	}
	return m.Predict(features)
}

// Swap installs a model; the one it replaces is unloaded by the next Reap.
func (r *Registry) Swap(m *Model) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if old, ok := r.models.Swap(m.Name, m); ok {
		r.retired = append(r.retired, old)
	}
}

// Reap unloads the models retired so far. A background ticker calls it.
func (r *Registry) Reap() int {
	r.mu.Lock()
	batch := r.retired
	r.retired = nil
	r.mu.Unlock()
	if len(batch) == 0 {
		return 0
	}
	r.dom.Synchronize()
	for _, m := range batch {
		m.Unload()
	}
	return len(batch)
}
