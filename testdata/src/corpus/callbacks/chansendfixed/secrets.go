// Case: secret store's retire callback reports to the audit goroutine with a send that cannot wait, counting what it drops
// Source: Documentation/RCU/checklist.rst item 5 (callbacks run in softirq/bh context and must not block; wake waiters with complete(), never wait); the tc/flower fixes that moved blocking work out of RCU callbacks
// Kind: fixed
// Pair: chansendbad

package chansendfixed

import (
	"crypto/subtle"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type secret struct {
	name string
	key  []byte
}

// wipe zeroes the key material.
func (s *secret) wipe() { clear(s.key) }

var (
	mu      sync.Mutex
	secrets rcuapi.Map[string, *secret]
	audit   = make(chan string, 64) // read by the audit logger goroutine
	lost    atomic.Int64            // audit records dropped because the logger lagged
)

// Verify reports whether mac equals the named key.
func Verify(name string, mac []byte) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	sec, ok := secrets.Load(s, name)
	return ok && subtle.ConstantTimeCompare(sec.key, mac) == 1
}

// Rotate installs a new key; the old one is wiped once no Verify can be
// reading it, and the wipe is logged.
func Rotate(name string, key []byte) {
	ns := &secret{name: name, key: append([]byte(nil), key...)}
	mu.Lock()
	old, ok := secrets.Swap(name, ns)
	mu.Unlock()
	if !ok {
		return
	}
	rcuapi.Call(func() {
		old.wipe()
		select {
		case audit <- old.name:
		default:
			lost.Add(1)
		}
	})
}

// AuditLog runs the audit logger until stop is closed.
func AuditLog(stop <-chan struct{}, logf func(string, ...any)) {
	for {
		select {
		case name := <-audit:
			logf("wiped old key %q", name)
		case <-stop:
			return
		}
	}
}
