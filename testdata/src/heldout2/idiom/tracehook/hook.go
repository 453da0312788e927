// Case: request-tracing module that never queues callbacks: its Exit unpublishes the hook, waits for a grace period so that no reader is inside the hook, and closes its trace file; no Barrier is needed
// Source: idiom: rcu_barrier() is needed only by modules that use call_rcu() (Documentation/RCU/rcubarrier.rst); a module that only uses synchronize_rcu() waits in its exit function
// Kind: idiom

package tracehook

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type tracer struct {
	mu     sync.Mutex // serialises writes to f
	f      *os.File
	sample uint64 // trace one request in sample
}

var (
	pubMu  sync.Mutex
	active rcuapi.Pointer[tracer]
	seq    atomic.Uint64
)

var Module = &rcuapi.Module{Name: "tracehook", Init: start, Exit: stop}

func start() error {
	f, err := os.OpenFile("/var/log/app/trace.log", os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return err
	}
	pubMu.Lock()
	active.Replace(&tracer{f: f, sample: 100}, &pubMu)
	pubMu.Unlock()
	return nil
}

// Sampled is called by the request path: it reports whether to trace this
// request, and the line prefix to use.
func Sampled(route string) (bool, string) {
	n := seq.Add(1)
	s := rcuapi.ReadLock()
	t := active.Dereference(s)
	on := t != nil && n%t.sample == 0
	rcuapi.ReadUnlock(s)
	if !on {
		return false, ""
	}
	return true, fmt.Sprintf("%s #%d", route, n)
}

// Emit writes a trace line if the module is loaded. Writing blocks, so it
// happens under the publisher's lock rather than in a read-side section.
func Emit(line string) {
	pubMu.Lock()
	defer pubMu.Unlock()
	if t := active.Protected(&pubMu); t != nil {
		t.mu.Lock()
		fmt.Fprintf(t.f, "%s %s\n", time.Now().Format(time.RFC3339Nano), line)
		t.mu.Unlock()
	}
}

func stop() {
	pubMu.Lock()
	old := active.Replace(nil, &pubMu)
	pubMu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize()
	old.f.Close()
}
