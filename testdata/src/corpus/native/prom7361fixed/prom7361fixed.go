// Case: the series merger builds the inputs of each merged series in a new slice
// Source: prometheus/prometheus PR #7361 https://github.com/prometheus/prometheus/pull/7361, code at the fix 1e006d84a079, storage/generic.go seriesMergerAdapter.Merge (buf := make([]Series, 0, len(s)))
// Kind: fixed
// Pair: prom7361bad

package prom7361fixed

import (
	"sync"
	"sync/atomic"
)

// Series is one time series.
type Series interface {
	Labels() string
}

// merged is the lazily merged series; it reads its inputs while the query iterates.
type merged struct {
	inputs *[]Series
}

type seriesMergerAdapter struct {
	mu   sync.Mutex               // Merge is called by one querier at a time
	last atomic.Pointer[[]Series] // inputs of the series returned last
}

// Merge returns one series that merges s.
func (a *seriesMergerAdapter) Merge(s ...Series) *merged {
	a.mu.Lock()
	defer a.mu.Unlock()
	buf := make([]Series, 0, len(s))
	for _, x := range s {
		buf = append(buf, x)
	}
	a.last.Store(&buf)
	return &merged{inputs: &buf}
}
