package bad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type lease struct{ id int }

// Close releases the lease.
func (s *lease) Close() error { s.id = -1; return nil }

var (
	leaseMu  sync.Mutex
	curLease rcuapi.Pointer[lease]
)

// RotateLease closes the old lease while readers may still hold it.
func RotateLease(next *lease) {
	leaseMu.Lock()
	old := curLease.Replace(next, &leaseMu)
	leaseMu.Unlock()
	if old != nil {
		old.Close() // want RCU2004
	}
}
