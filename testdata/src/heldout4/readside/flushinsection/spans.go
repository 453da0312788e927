// Case: span exporter's Export notices the exporter list was just reconfigured and, from inside its read-side section, calls a flush helper that waits for pending retirements with Barrier
// Source: Documentation/RCU/checklist.rst items 6 and 15 (rcu_barrier()/synchronize_rcu() inside rcu_read_lock() deadlocks); rcubarrier.rst
// Kind: bad
// Pair: -

package flushinsection

import (
	"github.com/rcuvet/rcuvet/rcuapi"
)

type Exporter interface {
	Export(spans []string) error
}

type exporters struct {
	gen  uint64
	list []Exporter
}

type Pipeline struct {
	current rcuapi.Pointer[exporters]
	lastGen uint64 // owned by the export goroutine
}

// drainRetired makes sure exporters replaced by a reconfiguration have
// been shut down by their retirement callbacks.
func drainRetired() {
	rcuapi.Barrier()
}

// Export is called by the batching goroutine.
func (p *Pipeline) Export(spans []string) error {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	ex := p.current.Dereference(s)
	if ex.gen != p.lastGen {
		drainRetired() // expect RCU1006
		p.lastGen = ex.gen
	}
	for _, e := range ex.list {
		if err := e.Export(spans); err != nil {
			return err
		}
	}
	return nil
}
