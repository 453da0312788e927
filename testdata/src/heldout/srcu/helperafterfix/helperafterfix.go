// Case: gateway shutdown waits for readers with the shared helper before it ends the SRCU domain
// Source: srcu_struct used after cleanup_srcu_struct() through a shared teardown helper (Documentation/RCU/checklist.rst item 14; rcuvet issue 13 class 16)
// Kind: fixed
// Pair: helperafter

package helperafterfix

import (
	"net/http"
	"sync"

	"fixtures/heldout/srcu/helperafterfix/drain"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type route struct {
	prefix  string
	backend http.Handler
}

type Gateway struct {
	mu     sync.Mutex
	d      *rcuapi.SRCU
	routes rcuapi.Pointer[[]route]
}

func New() *Gateway { return &Gateway{d: rcuapi.NewSRCU("gateway")} }

// ServeHTTP proxies under the domain; backends may block.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := g.d.ReadLock()
	defer g.d.ReadUnlock(s)
	if rs := g.routes.Dereference(s); rs != nil {
		for _, rt := range *rs {
			if len(r.URL.Path) >= len(rt.prefix) && r.URL.Path[:len(rt.prefix)] == rt.prefix {
				rt.backend.ServeHTTP(w, r)
				return
			}
		}
	}
	http.NotFound(w, r)
}

// Shutdown unpublishes the routes and ends the domain.
func (g *Gateway) Shutdown() error {
	g.mu.Lock()
	g.routes.Replace(nil, &g.mu)
	g.mu.Unlock()
	drain.Quiesce("gateway", g.d)
	drain.Flush(g.d)
	return g.d.Cleanup()
}
