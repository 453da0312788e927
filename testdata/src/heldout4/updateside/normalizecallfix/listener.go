// Case: listener normalizes a private copy of its published TLS options
// Source: Documentation/RCU/checklist.rst item 3 (readers must not update in place); TiDB issue #23748 and opencensus-go PR #763 (the published config written through by a reader)
// Kind: fixed
// Pair: updateside/normalizecall

package normalizecallfix

import (
	"crypto/tls"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type TLSOptions struct {
	MinVersion   uint16
	CipherSuites []uint16
	ALPN         []string
}

// normalize fills in defaults.
func (o *TLSOptions) normalize() {
	if o.MinVersion == 0 {
		o.MinVersion = tls.VersionTLS12
	}
	if len(o.ALPN) == 0 {
		o.ALPN = []string{"h2", "http/1.1"}
	}
}

type Listener struct {
	opts rcuapi.Pointer[TLSOptions]
}

// Config builds the tls.Config for an accepted connection.
func (l *Listener) Config(cert tls.Certificate) *tls.Config {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	o := *l.opts.Dereference(s) // a copy; normalize replaces slices, never writes into them
	o.normalize()
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		MinVersion:   o.MinVersion,
		CipherSuites: append([]uint16(nil), o.CipherSuites...),
		NextProtos:   append([]string(nil), o.ALPN...),
	}
}
