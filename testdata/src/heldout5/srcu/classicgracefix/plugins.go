// Case: classicgracefix
// Source: Documentation/RCU/checklist.rst item 7 (readers and updaters must use the same flavour: synchronize_rcu() does not wait for SRCU readers)
// Kind: fixed
// Pair: srcu/classicgrace
package classicgracefix

import (
	"net/http"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Plugin struct {
	Name    string
	Handler http.Handler
	closed  bool
}

func (p *Plugin) Close() { p.closed = true }

type Host struct {
	mu      sync.Mutex
	readers rcuapi.SRCU // handlers may block while serving
	active  rcuapi.Pointer[Plugin]
}

func (h *Host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := h.readers.ReadLock()
	defer h.readers.ReadUnlock(s)
	if p := h.active.Dereference(s); p != nil {
		p.Handler.ServeHTTP(w, r)
		return
	}
	http.NotFound(w, r)
}

// Swap installs a new plugin version and closes the old one.
func (h *Host) Swap(next *Plugin) {
	h.mu.Lock()
	old := h.active.Replace(next, &h.mu)
	h.mu.Unlock()
	h.readers.Synchronize()
	if old != nil {
		old.Close()
	}
}
