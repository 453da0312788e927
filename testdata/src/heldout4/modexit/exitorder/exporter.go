// Case: trace exporter module's Exit waits for its RCU callbacks with Barrier first and only then stops the flush goroutine, which can queue another callback in between
// Source: Documentation/RCU/rcubarrier.rst (first prevent new call_rcu() invocations, then rcu_barrier()); checklist.rst item 18
// Kind: bad
// Pair: modexit/exitorderfix

package exitorder

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
		rcuapi.Barrier() // expect RCU6003
		close(stop)
		<-stopped
	},
}
