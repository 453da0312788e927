// Case: the series merger refills the slice of inputs it handed to the previous merged series, which still iterates over them
// Source: prometheus/prometheus PR #7361 https://github.com/prometheus/prometheus/pull/7361 (issue #7359 "Merger adapter causes invalid query results due to slice reuse"), code at its parent f674ccfdfcff (v2.19.0-rc.0), storage/generic.go seriesMergerAdapter.Merge (a.buf = a.buf[:0]; append; the merge function retains the slice); this is a reused scratch buffer, not a sync.Pool one: no prometheus fix of a pooled buffer put back while shared was found; the retained buffer is modelled as an atomic.Pointer
// Kind: bad
// Pair: prom7361fixed

package prom7361bad

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
	var buf []Series
	if old := a.last.Swap(nil); old != nil {
		buf = (*old)[:0]
	}
	for _, x := range s {
		buf = append(buf, x) // expect RCU7004
	}
	a.last.Store(&buf)
	return &merged{inputs: a.last.Load()}
}
