package bad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	creditMu sync.Mutex // serialises the updaters of credit
	credit   rcuapi.Pointer[int]
)

// SetCredit publishes a new credit under creditMu.
func SetCredit(n int) {
	creditMu.Lock()
	defer creditMu.Unlock()
	credit.Assign(&n)
}

// ResetCredit publishes without the lock: a concurrent SetCredit can undo it.
func ResetCredit() {
	zero := 0
	credit.Assign(&zero) // want RCU2003
}
