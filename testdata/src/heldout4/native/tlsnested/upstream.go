// Case: reverse proxy raises the minimum TLS version of its upstream settings by copying the published settings struct and writing through the copy's shared *TLSSettings pointer
// Source: traefik PR #6979 (the stored configuration was handed on and mutated); opentelemetry-go resource merges that shared attribute storage with the original; Documentation/RCU/checklist.rst item 3
// Kind: bad
// Pair: native/tlsnestedfix

package tlsnested

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
	}
	next.TLS.MinVersion = min // expect RCU7002
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
