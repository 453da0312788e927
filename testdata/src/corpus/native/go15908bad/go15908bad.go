// Case: the server adds "h2" to the TLS config's NextProtos after that config was handed to a listener whose handshakes already read it
// Source: golang/go issue #15908 https://github.com/golang/go/issues/15908 ("net/http: Serve violates tls.Config immutability promise"), fixed by CL 24508 (commit b5f0aff49503, Go 1.7); reduced from the issue text and the fixed net/http server.go (shouldConfigureHTTP2ForServe), the go1.7beta2 source before the fix was not read; the listener's config is modelled as an atomic.Pointer
// Kind: bad
// Pair: go15908fixed

package go15908bad

import "sync/atomic"

// TLSConfig is the part of tls.Config that matters here.
type TLSConfig struct {
	NextProtos   []string
	Certificates []string
}

// listener performs a handshake per accepted connection with its current config.
type listener struct {
	config atomic.Pointer[TLSConfig]
}

func (l *listener) handshake() []string {
	return l.config.Load().NextProtos
}

func (l *listener) acceptLoop(conns <-chan struct{}) {
	for range conns {
		go l.handshake()
	}
}

// Server is the HTTP server.
type Server struct {
	TLSConfig *TLSConfig
}

// ServeTLS wraps ln in a TLS listener with srv.TLSConfig (tls.NewListener), starts
// accepting, and then configures HTTP/2 as Serve did before the fix.
func (srv *Server) ServeTLS(l *listener, conns <-chan struct{}) {
	cfg := srv.TLSConfig
	l.config.Store(cfg)
	go l.acceptLoop(conns)
	if !contains(cfg.NextProtos, "h2") {
		cfg.NextProtos = append(cfg.NextProtos, "h2") // expect RCU7003
	}
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}
