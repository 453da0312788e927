// Case: RPC server constructor fills its method table before it registers itself as the default server
// Source: Documentation/RCU/checklist.rst item 4 (a structure must be fully initialised before rcu_assign_pointer()); net/rpc-style default server registration in Go services
// Kind: fixed
// Pair: native/ctorpublish

package ctorpublishfix

import (
	"errors"
	"sync/atomic"
)

type Handler func(req []byte) ([]byte, error)

type Server struct {
	name    string
	methods map[string]Handler
}

var defaultServer atomic.Pointer[Server]

// NewServer builds a server with the built-in methods and makes it the default.
func NewServer(name string, extra map[string]Handler) *Server {
	s := &Server{name: name, methods: make(map[string]Handler, len(extra)+1)}
	for m, h := range extra {
		s.methods[m] = h
	}
	s.methods["ping"] = func([]byte) ([]byte, error) { return []byte("pong"), nil }
	defaultServer.Store(s)
	return s
}

var ErrNoMethod = errors.New("rpc: no such method")

// Dispatch serves requests that name no server.
func Dispatch(method string, req []byte) ([]byte, error) {
	s := defaultServer.Load()
	if s == nil {
		return nil, ErrNoMethod
	}
	h, ok := s.methods[method]
	if !ok {
		return nil, ErrNoMethod
	}
	return h(req)
}
