// Case: admin server hot-swaps its root HTTP handler through an atomic.Value and stores whatever http.Handler it is given: a *http.ServeMux at start-up, an http.HandlerFunc in maintenance mode
// Source: golang/go issue #22550 and tailscale PR #11943 (atomic.Value stored through an interface type panics when the concrete type changes); pulumi issue #14611
// Kind: bad
// Pair: native/handlerswapfix

package handlerswap

import (
	"net/http"
	"sync/atomic"
)

type Server struct {
	root atomic.Value // http.Handler
}

func (s *Server) SetHandler(h http.Handler) {
	s.root.Store(h) // expect RCU7005
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.root.Load().(http.Handler).ServeHTTP(w, r)
}

func NewServer(mux *http.ServeMux) *Server {
	s := &Server{}
	s.SetHandler(mux)
	return s
}

// Maintenance answers 503 to everything until Resume.
func (s *Server) Maintenance() {
	s.SetHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	}))
}

func (s *Server) Resume(mux *http.ServeMux) { s.SetHandler(mux) }
