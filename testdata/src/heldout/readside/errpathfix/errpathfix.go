// Case: certificate lookup ends its section on every return with defer
// Source: missing rcu_read_unlock() on an error path, reported by lockdep as a lock held when returning to user space (Documentation/RCU/checklist.rst item 2)
// Kind: fixed
// Pair: errpath

package errpathfix

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
	defer rcuapi.ReadUnlock(s)
	set := c.cur.Dereference(s)
	ct, ok := set.byHost[host]
	if !ok {
		return nil, fmt.Errorf("no certificate for %q", host)
	}
	if now.After(ct.notAfter) {
		return nil, errExpired
	}
	return bytes.Clone(ct.pem), nil
}

// Load publishes a new set; old certificates are only garbage.
func (c *Store) Load(next map[string]*cert) {
	c.mu.Lock()
	c.cur.Assign(&certSet{byHost: next})
	c.mu.Unlock()
}
