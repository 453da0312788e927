// Case: an rcuapi.Map of TLS certificates: readers copy out values or keys; updaters Swap/Delete and retire the old value after a grace period of the readers' domain; LoadOrStore inside an SRCU section
// Source: idiom: the rcuapi.Map documentation (readers copy out before the section ends; Delete and Swap return the value to retire after a grace period; LoadOrStore's result is protected by an SRCU section around the call and its use)
// Kind: idiom

package mapretire

import (
	"crypto/tls"
	"os"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Cert is a loaded certificate and the file that keeps its key locked.
type Cert struct {
	Pair    tls.Certificate
	Expires time.Time
	lock    *os.File
}

// Close releases the key file.
func (c *Cert) Close() error { return c.lock.Close() }

var (
	certDom rcuapi.SRCU // handshakes read certificates and may block
	certs   rcuapi.Map[string, *Cert]
)

// Expiry returns when the certificate of host expires.
func Expiry(host string) (time.Time, bool) {
	s := certDom.ReadLock()
	defer certDom.ReadUnlock(s)
	c, ok := certs.Load(s, host)
	if !ok {
		return time.Time{}, false
	}
	return c.Expires, true
}

// Expiring returns the hosts whose certificate expires before t.
func Expiring(t time.Time) []string {
	var hosts []string
	s := certDom.ReadLock()
	for h, c := range certs.Range(s) {
		if c.Expires.Before(t) {
			hosts = append(hosts, h)
		}
	}
	certDom.ReadUnlock(s)
	return hosts
}

// Install sets the certificate of host and retires the one it replaces.
func Install(host string, c *Cert) {
	old, ok := certs.Swap(host, c)
	if ok {
		certDom.Synchronize()
		old.Close()
	}
}

// Remove drops the certificate of host and closes it after a grace period.
func Remove(host string) error {
	old, ok := certs.Delete(host)
	if !ok {
		return nil
	}
	certDom.Synchronize()
	return old.Close()
}

// Ensure installs c unless host has one, and returns the host's expiry.
func Ensure(host string, c *Cert) time.Time {
	s := certDom.ReadLock()
	defer certDom.ReadUnlock(s)
	actual, _ := certs.LoadOrStore(host, c)
	return actual.Expires
}
