// Case: TLS certificate holder clears its certificate by storing a typed nil *tls.Certificate
// Source: terraform issue #11746 and go-ethereum PR #23437 (atomic.Value Store of nil panics)
// Kind: fixed
// Pair: native/certclear

package certclearfix

import (
	"crypto/tls"
	"errors"
	"sync/atomic"
)

var errNoCert = errors.New("no certificate loaded")

type CertHolder struct {
	cert atomic.Value // *tls.Certificate
}

func (h *CertHolder) Set(c *tls.Certificate) {
	h.cert.Store(c)
}

// Revoke is called when the CA revokes the current certificate.
func (h *CertHolder) Revoke() {
	h.cert.Store((*tls.Certificate)(nil))
}

// GetCertificate is installed as tls.Config.GetCertificate.
func (h *CertHolder) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	c, _ := h.cert.Load().(*tls.Certificate)
	if c == nil {
		return nil, errNoCert
	}
	return c, nil
}
