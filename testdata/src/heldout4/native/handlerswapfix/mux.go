// Case: admin server boxes every root handler in one struct type before storing it in the atomic.Value
// Source: golang/go issue #22550 and tailscale PR #11943 (atomic.Value stored through an interface type panics when the concrete type changes); pulumi issue #14611
// Kind: fixed
// Pair: native/handlerswap

package handlerswapfix

import (
	"net/http"
	"sync/atomic"
)

type Server struct {
	root atomic.Value // handlerBox
}

// handlerBox gives every Store the same concrete type.
type handlerBox struct{ h http.Handler }

func (s *Server) SetHandler(h http.Handler) {
	s.root.Store(handlerBox{h})
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.root.Load().(handlerBox).h.ServeHTTP(w, r)
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
