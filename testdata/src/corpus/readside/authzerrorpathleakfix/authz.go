// Case: the section is ended by a deferred ReadUnlock on every path
// Source: faultlinux.inria.fr "Lock" pattern (https://faultlinux.inria.fr/patterns/derefrcu/index.html); fix: pair every ReadLock with a deferred ReadUnlock
// Kind: fixed
// Pair: authzerrorpathleak

package authzerrorpathleakfix

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

// Authorize reports whether token may perform op.
func Authorize(token, op string) error {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := policy.Dereference(s)
	if p == nil {
		return errNoPolicy
	}
	rule, ok := p.rules[token]
	if !ok {
		return errUnknown
	}
	if !slices.Contains(rule.Ops, op) {
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
