// Case: metrics exporter registry: Register and Unregister take the same mutex around their load-copy-store
// Source: opentelemetry-go PR #1079 (register and unregister did Load-copy-Store on one atomic.Value under two different locks); Documentation/RCU/checklist.rst item 1
// Kind: fixed
// Pair: native/exporterregs

package exporterregsfix

import (
	"slices"
	"sync"
	"sync/atomic"
)

// Exporter receives every recorded measurement.
type Exporter interface {
	Export(name string, value float64)
}

type exporterList struct {
	list []Exporter
}

var (
	registerMu sync.Mutex   // serialises every writer of active
	active     atomic.Value // always *exporterList
)

func init() {
	active.Store(&exporterList{})
}

// Register adds e to the exporters that Record fans out to.
func Register(e Exporter) {
	registerMu.Lock()
	defer registerMu.Unlock()
	old := active.Load().(*exporterList)
	next := &exporterList{list: append(slices.Clone(old.list), e)}
	active.Store(next)
}

// Unregister removes e; it is called when an exporter's endpoint goes away.
func Unregister(e Exporter) {
	registerMu.Lock()
	defer registerMu.Unlock()
	old := active.Load().(*exporterList)
	next := &exporterList{}
	for _, x := range old.list {
		if x != e {
			next.list = append(next.list, x)
		}
	}
	active.Store(next)
}

// Record is the hot path: no lock, one atomic load.
func Record(name string, v float64) {
	for _, e := range active.Load().(*exporterList).list {
		e.Export(name, v)
	}
}
