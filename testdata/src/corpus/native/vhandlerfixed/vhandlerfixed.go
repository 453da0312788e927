// Case: the handler is kept in an atomic.Pointer to a holder struct, so any concrete handler type can be swapped in
// Source: idiom: k8s.io/client-go@v0.37.2 features/features.go featureGatesWrapper (wrap the interface in one struct type) applied to traefik@v3.7.13 HTTPHandlerSwitcher
// Kind: fixed
// Pair: vhandlerbad

package vhandlerfixed

import (
	"net/http"
	"sync/atomic"
)

type handlerHolder struct {
	http.Handler
}

// HandlerSwitcher lets the router be replaced while serving.
type HandlerSwitcher struct {
	handler atomic.Pointer[handlerHolder]
}

// NewHandlerSwitcher starts with h.
func NewHandlerSwitcher(h http.Handler) *HandlerSwitcher {
	s := &HandlerSwitcher{}
	s.UpdateHandler(h)
	return s
}

func (s *HandlerSwitcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.Load().ServeHTTP(w, r)
}

// UpdateHandler installs the router built for a new configuration.
func (s *HandlerSwitcher) UpdateHandler(h http.Handler) {
	s.handler.Store(&handlerHolder{h})
}

func maintenance() *HandlerSwitcher {
	s := NewHandlerSwitcher(http.NewServeMux())
	s.UpdateHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	return s
}
