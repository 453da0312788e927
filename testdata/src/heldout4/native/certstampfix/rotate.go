// Case: certificate rotator stamps the bundle with its load time and fingerprint before publishing it
// Source: traefik PR #6979 (configuration changed after it was handed to readers); Documentation/RCU/checklist.rst item 4 (initialise before publishing)
// Kind: fixed
// Pair: native/certstamp

package certstampfix

import (
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"sync"
	"sync/atomic"
	"time"
)

type Bundle struct {
	Cert        tls.Certificate
	LoadedAt    time.Time
	Fingerprint string
}

type Rotator struct {
	mu      sync.Mutex
	current atomic.Pointer[Bundle]
}

// Rotate loads a key pair from disk and makes it the serving certificate.
func (r *Rotator) Rotate(certFile, keyFile string) error {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return err
	}
	b := &Bundle{Cert: cert}
	b.LoadedAt, b.Fingerprint = time.Now(), fingerprint(cert)
	r.mu.Lock()
	r.current.Store(b)
	r.mu.Unlock()
	return nil
}

func fingerprint(c tls.Certificate) string {
	sum := sha256.Sum256(c.Certificate[0])
	return hex.EncodeToString(sum[:])
}

// GetCertificate is tls.Config.GetCertificate.
func (r *Rotator) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return &r.current.Load().Cert, nil
}

// Status feeds the /certs endpoint.
func (r *Rotator) Status() (string, time.Time) {
	b := r.current.Load()
	return b.Fingerprint, b.LoadedAt
}
