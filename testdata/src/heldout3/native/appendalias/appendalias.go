// Case: HTTP server's Use adds a middleware by appending to the published chain's slice, whose spare capacity is shared with the live chain
// Source: Documentation/RCU/checklist.rst item 3 (copy, then update the copy); Go's append aliasing (a slice with spare capacity is extended in place), as in the middleware-chain bugs of Go HTTP routers
// Kind: bad
// Pair: native/appendaliasfix

package appendalias

import (
	"net/http"
	"sync"
	"sync/atomic"
)

type Middleware func(http.Handler) http.Handler

type Chain struct {
	Name        string
	Middlewares []Middleware
}

type Server struct {
	mu    sync.Mutex // serialises Use
	chain atomic.Pointer[Chain]
	final http.Handler
}

func NewServer(final http.Handler) *Server {
	s := &Server{final: final}
	s.chain.Store(&Chain{Name: "default", Middlewares: make([]Middleware, 0, 8)})
	return s
}

// Use may be called by plugins while the server is serving.
func (s *Server) Use(m Middleware) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.chain.Load()
	next := &Chain{Name: old.Name}
	next.Middlewares = append(old.Middlewares, m) // expect RCU7002
	s.chain.Store(next)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := s.chain.Load()
	h := s.final
	for i := len(c.Middlewares) - 1; i >= 0; i-- {
		h = c.Middlewares[i](h)
	}
	h.ServeHTTP(w, r)
}
