// Case: listener reads its published TLS options under a section and calls their pointer-receiver normalize method, which fills defaults into the shared options in place
// Source: Documentation/RCU/checklist.rst item 3 (readers must not update in place); TiDB issue #23748 and opencensus-go PR #763 (the published config written through by a reader)
// Kind: bad
// Pair: updateside/normalizecallfix

package normalizecall

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
	o := l.opts.Dereference(s)
	o.normalize() // expect RCU2002
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		MinVersion:   o.MinVersion,
		CipherSuites: append([]uint16(nil), o.CipherSuites...),
		NextProtos:   append([]string(nil), o.ALPN...),
	}
}
