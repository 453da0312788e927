// Case: an error path returns with the classic section still open (missing rcu_read_unlock on an early return)
// Source: faultlinux.inria.fr fault study, "Lock" pattern: an RCU read lock taken and not released on some path (https://faultlinux.inria.fr/patterns/derefrcu/index.html)
// Kind: bad
// Pair: authzerrorpathleakfix

package authzerrorpathleak

import (
	"errors"
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Rule lists the operations a token may perform.
type Rule struct {
	Ops []string
}

// Policy maps tokens to rules; it is replaced on every policy push.
type Policy struct {
	rules map[string]Rule
}

var (
	mu     sync.Mutex
	policy rcuapi.Pointer[Policy]

	errNoPolicy = errors.New("no policy loaded")
	errUnknown  = errors.New("unknown token")
	errDenied   = errors.New("operation denied")
)

// Authorize reports whether token may perform op. (Assumed position: the
// report belongs on the return that leaves the section open.)
func Authorize(token, op string) error {
	s := rcuapi.ReadLock()
	p := policy.Dereference(s)
	if p == nil {
		rcuapi.ReadUnlock(s)
		return errNoPolicy
	}
	rule, ok := p.rules[token]
	if !ok {
		return errUnknown // expect RCU1003
	}
	allowed := slices.Contains(rule.Ops, op)
	rcuapi.ReadUnlock(s)
	if !allowed {
		return errDenied
	}
	return nil
}

// Push installs a new policy.
func Push(p *Policy) {
	mu.Lock()
	defer mu.Unlock()
	policy.Assign(p)
}
