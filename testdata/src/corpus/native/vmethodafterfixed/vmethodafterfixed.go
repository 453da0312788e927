// Case: the reloader registers every route, the health route included, before storing the table
// Source: idiom: traefik/traefik@v3.7.13 pkg/middlewares/handler_switcher.go UpdateHandler (build fully, then swap)
// Kind: fixed
// Pair: vmethodafterbad

package vmethodafterfixed

import (
	"net/http"
	"sync/atomic"
)

type routeTable struct {
	routes map[string]http.Handler
}

func newRouteTable() *routeTable { return &routeTable{routes: map[string]http.Handler{}} }

// Handle registers h for path.
func (t *routeTable) Handle(path string, h http.Handler) { t.routes[path] = h }

type switcher struct {
	table atomic.Pointer[routeTable]
}

// ServeHTTP is the read side, on every request.
func (s *switcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h, ok := s.table.Load().routes[r.URL.Path]; ok {
		h.ServeHTTP(w, r)
		return
	}
	http.NotFound(w, r)
}

// reload builds the table for a new configuration and swaps it in.
func (s *switcher) reload(cfg map[string]http.Handler, health http.Handler) {
	t := newRouteTable()
	for p, h := range cfg {
		t.Handle(p, h)
	}
	t.Handle("/healthz", health)
	s.table.Store(t)
}
