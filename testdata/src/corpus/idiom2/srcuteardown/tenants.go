// Case: tenant router with its own SRCU field: Remove retires tenants with Call; Close refuses new work, unpublishes everything, waits for readers and callbacks through its own methods, and calls Cleanup last
// Source: idiom: the teardown order of Documentation/RCU/rcubarrier.rst and the cleanup_srcu_struct() rules (prevent new call_srcu(), srcu_barrier(), then cleanup_srcu_struct()), as in "srcu: Check for tardy grace-period activity in cleanup_srcu_struct()"
// Kind: idiom

package srcuteardown

import (
	"errors"
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type tenant struct {
	id      string
	backend io.Closer
}

// Router maps tenant ids to backends; handlers may block inside sections.
type Router struct {
	dom     *rcuapi.SRCU
	mu      sync.Mutex
	closed  bool // guarded by mu
	tenants rcuapi.Map[string, *tenant]
}

// NewRouter returns a router with a domain of its own.
func NewRouter() *Router { return &Router{dom: rcuapi.NewSRCU("tenants")} }

// With runs fn with the tenant's backend inside a section.
func (r *Router) With(id string, fn func(io.Closer) error) error {
	s := r.dom.ReadLock()
	defer r.dom.ReadUnlock(s)
	t, ok := r.tenants.Load(s, id)
	if !ok {
		return errors.New("no such tenant")
	}
	return fn(t.backend)
}

// Add publishes a tenant.
func (r *Router) Add(id string, backend io.Closer) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return false
	}
	r.tenants.Store(id, &tenant{id: id, backend: backend})
	return true
}

// Remove unpublishes a tenant and closes its backend after a grace period;
// closing may block, so the callback hands it to a goroutine.
func (r *Router) Remove(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	if old, ok := r.tenants.Delete(id); ok {
		r.dom.Call(func() { go old.backend.Close() })
	}
}

// quiesce waits for the readers and then for the queued callbacks.
func (r *Router) quiesce() {
	r.dom.Synchronize()
	r.dom.Barrier()
}

// Close shuts the router down; it is called once, after the listeners
// have stopped calling With.
func (r *Router) Close(ids []string) error {
	var gone []*tenant
	r.mu.Lock()
	r.closed = true
	for _, id := range ids {
		if t, ok := r.tenants.Delete(id); ok {
			gone = append(gone, t)
		}
	}
	r.mu.Unlock()
	r.quiesce()
	for _, t := range gone {
		t.backend.Close()
	}
	return r.dom.Cleanup()
}
