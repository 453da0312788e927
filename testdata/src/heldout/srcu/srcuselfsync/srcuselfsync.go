// Case: plugin request handler reloads a stale plugin from inside its own SRCU section and waits for the domain
// Source: synchronize_srcu() called within a read-side critical section of the same srcu_struct, a self-deadlock (Documentation/RCU/checklist.rst items 6 and 14)
// Kind: bad
// Pair: srcuselfsyncfix

package srcuselfsync

import (
	"net/http"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type plugin struct {
	name    string
	handler http.Handler
	loaded  time.Time
	stop    chan struct{}
}

type Host struct {
	mu      sync.Mutex
	d       rcuapi.SRCU
	cur     rcuapi.Pointer[plugin]
	maxAge  time.Duration
	factory func() http.Handler
}

// reload builds a fresh plugin, publishes it and stops the old one once
// no request uses it any more.
func (h *Host) reload() {
	p := &plugin{name: "main", handler: h.factory(), loaded: time.Now(), stop: make(chan struct{})}
	h.mu.Lock()
	old := h.cur.Replace(p, &h.mu)
	h.mu.Unlock()
	if old != nil {
		h.d.Synchronize()
		close(old.stop)
	}
}

// ServeHTTP runs the plugin; handlers may block, hence SRCU.
func (h *Host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := h.d.ReadLock()
	defer h.d.ReadUnlock(s)
	p := h.cur.Dereference(s)
	if time.Since(p.loaded) > h.maxAge {
		h.reload() // expect RCU1006
		p = h.cur.Dereference(s)
	}
	p.handler.ServeHTTP(w, r)
}
