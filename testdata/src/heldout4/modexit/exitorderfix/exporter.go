// Case: trace exporter module's Exit stops the flush goroutine, waits for it, then drains its callbacks with Barrier
// Source: Documentation/RCU/rcubarrier.rst (first prevent new call_rcu() invocations, then rcu_barrier()); checklist.rst item 18
// Kind: fixed
// Pair: modexit/exitorder

package exitorderfix

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type batch struct {
	spans [][]byte
}

var (
	mu      sync.Mutex
	pending rcuapi.Pointer[batch]
	stop    = make(chan struct{})
	stopped = make(chan struct{})
)

func flushLoop() {
	defer close(stopped)
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			mu.Lock()
			old := pending.Replace(&batch{}, &mu)
			mu.Unlock()
			if old != nil {
				rcuapi.Call(func() { old.spans = nil })
			}
		case <-stop:
			return
		}
	}
}

var Module = &rcuapi.Module{
	Name: "trace-exporter",
	Init: func() error { go flushLoop(); return nil },
	Exit: func() {
		close(stop)
		<-stopped
		rcuapi.Barrier()
	},
}
