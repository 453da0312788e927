// Case: Serve only turns HTTP/2 on when the already-published config lists "h2"; ListenAndServeTLS clones the config, adds protocols to the clone and publishes the clone
// Source: golang/go issue #15908 https://github.com/golang/go/issues/15908, CL 24508 (commit b5f0aff49503), net/http server.go shouldConfigureHTTP2ForServe and ListenAndServeTLS (cloneTLSConfig) as released in Go 1.7
// Kind: fixed
// Pair: go15908bad

package go15908fixed

import "sync/atomic"

// TLSConfig is the part of tls.Config that matters here.
type TLSConfig struct {
	NextProtos   []string
	Certificates []string
}

// Clone returns a copy that shares no slices with c.
func (c *TLSConfig) Clone() *TLSConfig {
	return &TLSConfig{
		NextProtos:   append([]string(nil), c.NextProtos...),
		Certificates: append([]string(nil), c.Certificates...),
	}
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
	h2        bool
}

// ServeTLS serves on a listener the user built with srv.TLSConfig; it never writes that config.
func (srv *Server) ServeTLS(l *listener, conns <-chan struct{}) {
	cfg := srv.TLSConfig
	l.config.Store(cfg)
	go l.acceptLoop(conns)
	srv.h2 = contains(cfg.NextProtos, "h2")
}

// ListenAndServeTLS builds its own listener from a clone of srv.TLSConfig.
func (srv *Server) ListenAndServeTLS(conns <-chan struct{}) *listener {
	cfg := srv.TLSConfig.Clone()
	if !contains(cfg.NextProtos, "h2") {
		cfg.NextProtos = append(cfg.NextProtos, "h2")
	}
	if !contains(cfg.NextProtos, "http/1.1") {
		cfg.NextProtos = append(cfg.NextProtos, "http/1.1")
	}
	l := &listener{}
	l.config.Store(cfg)
	go l.acceptLoop(conns)
	srv.h2 = true
	return l
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}
