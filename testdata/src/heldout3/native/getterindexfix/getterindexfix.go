// Case: weighted picker's Drain clones the weights it got from the getter before zeroing one
// Source: golang/go issue #15908 and etcd PR #6896 (a getter returned the shared slice and a caller mutated it); Documentation/RCU/checklist.rst item 3
// Kind: fixed
// Pair: native/getterindex

package getterindexfix

import (
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
)

var (
	mu      sync.Mutex // serialises writers of weights
	weights atomic.Pointer[[]float64]
)

// Weights returns the current per-backend weights. Callers must not modify them.
func Weights() []float64 {
	if w := weights.Load(); w != nil {
		return *w
	}
	return nil
}

func SetWeights(w []float64) {
	mu.Lock()
	defer mu.Unlock()
	fresh := slices.Clone(w)
	weights.Store(&fresh)
}

// Drain stops sending traffic to backend i.
func Drain(i int) {
	mu.Lock()
	defer mu.Unlock()
	w := slices.Clone(Weights())
	w[i] = 0
	weights.Store(&w)
}

// Pick chooses a backend index with probability proportional to its weight.
func Pick() int {
	w := Weights()
	var total float64
	for _, x := range w {
		total += x
	}
	r := rand.Float64() * total
	for i, x := range w {
		if r < x {
			return i
		}
		r -= x
	}
	return len(w) - 1
}
