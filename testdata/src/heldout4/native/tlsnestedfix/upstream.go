// Case: reverse proxy copies the published upstream settings and gives the copy its own TLS settings before raising the minimum version
// Source: traefik PR #6979 (the stored configuration was handed on and mutated); opentelemetry-go resource merges that shared attribute storage with the original; Documentation/RCU/checklist.rst item 3
// Kind: fixed
// Pair: native/tlsnested

package tlsnestedfix

import (
	"crypto/tls"
	"sync"
	"sync/atomic"
	"time"
)

type TLSSettings struct {
	MinVersion uint16
	ServerName string
	Insecure   bool
}

type Upstream struct {
	Addr        string
	DialTimeout time.Duration
	TLS         *TLSSettings // nil: plain TCP
}

type Proxy struct {
	mu       sync.Mutex // held by every writer of upstream
	upstream atomic.Pointer[Upstream]
}

// Harden is called by the admin API when the security policy changes.
func (p *Proxy) Harden(min uint16) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := *p.upstream.Load() // a copy of the struct, but TLS still points at the live settings
	if next.TLS == nil {
		next.TLS = &TLSSettings{ServerName: next.Addr}
	} else {
		tlsCopy := *next.TLS
		next.TLS = &tlsCopy
	}
	next.TLS.MinVersion = min
	p.upstream.Store(&next)
}

// ClientConfig is built for every new upstream connection.
func (p *Proxy) ClientConfig() *tls.Config {
	u := p.upstream.Load()
	if u.TLS == nil {
		return nil
	}
	return &tls.Config{
		MinVersion:         u.TLS.MinVersion,
		ServerName:         u.TLS.ServerName,
		InsecureSkipVerify: u.TLS.Insecure,
	}
}
