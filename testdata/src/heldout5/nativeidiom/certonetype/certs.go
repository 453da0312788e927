// Case: certonetype
// Source: idiom: atomic.Value that only ever holds one concrete type (tailscale PR #11943 and hashicorp/terraform PR #11761: wrap the value in one struct type), stored before the first Load
// Kind: idiom
package certonetype

import (
	"crypto/tls"
	"sync/atomic"
)

// bundle is the one concrete type the value holds; a nil certificate is a nil field, never a nil Store.
type bundle struct {
	cert *tls.Certificate
}

type Rotator struct {
	v atomic.Value // bundle
}

func NewRotator(initial *tls.Certificate) *Rotator {
	r := &Rotator{}
	r.v.Store(bundle{cert: initial})
	return r
}

// GetCertificate is installed as tls.Config.GetCertificate.
func (r *Rotator) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	b := r.v.Load().(bundle)
	if b.cert == nil {
		return nil, errNoCert
	}
	return b.cert, nil
}

func (r *Rotator) Rotate(c *tls.Certificate) { r.v.Store(bundle{cert: c}) }

func (r *Rotator) Revoke() { r.v.Store(bundle{}) }

type certError string

func (e certError) Error() string { return string(e) }

const errNoCert = certError("no certificate loaded")
