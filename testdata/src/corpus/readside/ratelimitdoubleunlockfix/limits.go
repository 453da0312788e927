// Case: the fallback only sets the default; the section is ended once
// Source: checklist item 2; fix: one ReadUnlock per ReadLock on every path
// Kind: fixed
// Pair: ratelimitdoubleunlock

package ratelimitdoubleunlockfix

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

// Rate returns the allowed request rate of client.
func Rate(client string) int {
	s := rcuapi.ReadLock()
	n, ok := limits.Dereference(s).rates[client]
	rcuapi.ReadUnlock(s)
	if !ok {
		n = defaultRate
	}
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
