// Case: accesspeek
// Source: Documentation/RCU/rcu_dereference.rst and the rcu_access_pointer() kernel-doc (the result may be compared, never dereferenced)
// Kind: bad
// Pair: -
package accesspeek

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type KeyPair struct {
	Serial   string
	NotAfter time.Time
	DER      []byte
}

type Store struct {
	current rcuapi.Pointer[KeyPair]
}

// Loaded reports whether a certificate was ever installed.
func (s *Store) Loaded() bool { return s.current.Access() != nil }

// NeedsRenewal is polled by the renewal loop.
func (s *Store) NeedsRenewal(now time.Time, margin time.Duration) bool {
	kp := s.current.Access()
	if kp == nil {
		return true
	}
	return now.Add(margin).After(kp.NotAfter) // expect RCU1007
}
