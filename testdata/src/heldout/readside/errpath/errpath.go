// Case: certificate lookup returns an error without ending its section
// Source: missing rcu_read_unlock() on an error path, reported by lockdep as a lock held when returning to user space (Documentation/RCU/checklist.rst item 2)
// Kind: bad
// Pair: errpathfix

package errpath

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var errExpired = errors.New("certificate expired")

type cert struct {
	pem      []byte
	notAfter time.Time
}

type certSet struct {
	byHost map[string]*cert
}

type Store struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[certSet]
}

// PEM returns a copy of the certificate chain served for host.
func (c *Store) PEM(host string, now time.Time) ([]byte, error) {
	s := rcuapi.ReadLock()
	set := c.cur.Dereference(s)
	ct, ok := set.byHost[host]
	if !ok {
		return nil, fmt.Errorf("no certificate for %q", host) // expect RCU1003
	}
	if now.After(ct.notAfter) {
		rcuapi.ReadUnlock(s)
		return nil, errExpired
	}
	out := bytes.Clone(ct.pem)
	rcuapi.ReadUnlock(s)
	return out, nil
}

// Load publishes a new set; old certificates are only garbage.
func (c *Store) Load(next map[string]*cert) {
	c.mu.Lock()
	c.cur.Assign(&certSet{byHost: next})
	c.mu.Unlock()
}
