package bad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	policyMu sync.Mutex
	policy   rcuapi.Pointer[string]
)

// SetPolicy replaces the policy after it has let go of the update lock.
func SetPolicy(p string) *string {
	policyMu.Lock()
	old := policy.Protected(&policyMu)
	policyMu.Unlock()
	policy.Replace(&p, &policyMu) // want RCU2005
	return old
}
