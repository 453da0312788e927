// Case: a filter module's old rule sets are freed by the framework's deferred-free slice; Exit flushes it but never calls the SRCU Barrier
// Source: Linux netfilter module-unload fixes, "Add rcu_barrier() to module exit" series by Jesper Dangaard Brouer (call_rcu queued by shared code on the module's behalf outlives the module); https://lkml.iu.edu/hypermail/linux/kernel/0906.1/00224.html
// Kind: bad
// Pair: hookslicefixed

package hookslicebad

import (
	"strings"
	"sync"

	"fixtures/corpus/modexit/hookslicebad/deferq"
	"github.com/rcuvet/rcuvet/rcuapi"
)

type ruleSet struct {
	deny []string
}

var (
	mu      sync.Mutex
	rules   rcuapi.Pointer[ruleSet] // read under deferq.Dom
	setPool = sync.Pool{New: func() any { return new(ruleSet) }}
)

// release returns a retired rule set to the module's pool.
func (r *ruleSet) release() {
	r.deny = r.deny[:0]
	setPool.Put(r)
}

// Module is the deny-list filter stage.
var Module = &rcuapi.Module{Name: "denylist", Init: start, Exit: stop}

func start() error {
	rules.Init(setPool.Get().(*ruleSet))
	return nil
}

// Allow reports whether host passes the filter.
func Allow(host string) bool {
	s := deferq.Dom.ReadLock()
	defer deferq.Dom.ReadUnlock(s)
	r := rules.Dereference(s)
	if r == nil {
		return true
	}
	for _, d := range r.deny {
		if strings.HasSuffix(host, d) {
			return false
		}
	}
	return true
}

// SetDenied publishes a new deny list; the old set is freed by the
// framework after a grace period of deferq.Dom.
func SetDenied(list []string) {
	nr := setPool.Get().(*ruleSet)
	nr.deny = append(nr.deny[:0], list...)
	mu.Lock()
	old := rules.Replace(nr, &mu)
	mu.Unlock()
	if old != nil {
		deferq.Defer(old.release)
	}
}

// stop unpublishes the rules and flushes the deferred frees, which posts
// them on deferq.Dom; nothing waits for them, so release runs against the
// pool of the module's next load, or after its package state is gone.
// RCU6001 is marked on the Exit function's func line.
func stop() { // expect RCU6001
	mu.Lock()
	old := rules.Replace(nil, &mu)
	mu.Unlock()
	if old != nil {
		deferq.Defer(old.release)
	}
	deferq.Flush()
}
