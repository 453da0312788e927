// Case: a fallback branch ends the section and falls through to the common ReadUnlock, ending it twice
// Source: issue 13 item 9 / checklist item 2 (a Section ended twice decrements a count that may belong to another reader); faultlinux.inria.fr "Lock" pattern for unbalanced RCU locking (https://faultlinux.inria.fr/patterns/derefrcu/index.html)
// Kind: bad
// Pair: ratelimitdoubleunlockfix

package ratelimitdoubleunlock

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const defaultRate = 100

// Limits maps clients to request rates; it is replaced by the admin API.
type Limits struct {
	rates map[string]int
}

var (
	mu     sync.Mutex
	limits rcuapi.Pointer[Limits]
)

// Rate returns the allowed request rate of client. (Assumed position: the
// report belongs on the ReadUnlock that ends the already ended section.)
func Rate(client string) int {
	s := rcuapi.ReadLock()
	n, ok := limits.Dereference(s).rates[client]
	if !ok {
		rcuapi.ReadUnlock(s)
		n = defaultRate
	}
	rcuapi.ReadUnlock(s) // expect RCU1003
	return n
}

// SetRate publishes a copy of the table with client's rate changed.
func SetRate(client string, rate int) {
	mu.Lock()
	defer mu.Unlock()
	next := map[string]int{client: rate}
	for k, v := range limits.Protected(&mu).rates {
		if k != client {
			next[k] = v
		}
	}
	limits.Assign(&Limits{rates: next})
}
