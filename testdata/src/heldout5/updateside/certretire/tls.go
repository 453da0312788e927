// Case: certretire
// Source: Documentation/RCU/checklist.rst item 15 (free only after a grace period); hashicorp/boundary PR #2435 (old handle torn down while readers still used it)
// Kind: bad
// Pair: updateside/certretirefix
package certretire

import (
	"crypto/tls"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Session is a TLS session ticket keyring bound to one certificate.
type Session struct {
	Cert *tls.Certificate
	keys [][32]byte
}

// Wipe zeroes the ticket keys so they cannot be recovered from memory.
func (s *Session) Wipe() {
	for i := range s.keys {
		s.keys[i] = [32]byte{}
	}
}

type Listener struct {
	mu      sync.Mutex
	session rcuapi.Pointer[Session]
}

func (l *Listener) TicketKey() [32]byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return l.session.Dereference(s).keys[0]
}

// Rotate installs a new certificate and ticket keys.
func (l *Listener) Rotate(next *Session) {
	l.mu.Lock()
	old := l.session.Replace(next, &l.mu)
	l.mu.Unlock()
	if old != nil {
		old.Wipe() // expect RCU2004
	}
}
