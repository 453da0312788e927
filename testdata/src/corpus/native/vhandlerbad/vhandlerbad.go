// Case: a hot-swappable handler kept in an atomic.Value of interface type http.Handler; swapping a mux for a HandlerFunc panics
// Source: idiom: traefik/traefik@v3.7.13 pkg/middlewares/handler_switcher.go HTTPHandlerSwitcher (a safe.Safe, RWMutex-guarded, holding an http.Handler), varied to atomic.Value
// Kind: bad
// Pair: vhandlerfixed

package vhandlerbad

import (
	"net/http"
	"sync/atomic"
)

// HandlerSwitcher lets the router be replaced while serving.
type HandlerSwitcher struct {
	handler atomic.Value // http.Handler
}

// NewHandlerSwitcher starts with h.
func NewHandlerSwitcher(h http.Handler) *HandlerSwitcher {
	s := &HandlerSwitcher{}
	s.UpdateHandler(h)
	return s
}

func (s *HandlerSwitcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.Load().(http.Handler).ServeHTTP(w, r)
}

// UpdateHandler installs the router built for a new configuration.
func (s *HandlerSwitcher) UpdateHandler(h http.Handler) {
	s.handler.Store(h) // expect RCU7005
}

func maintenance() *HandlerSwitcher {
	s := NewHandlerSwitcher(http.NewServeMux())
	s.UpdateHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	return s
}
