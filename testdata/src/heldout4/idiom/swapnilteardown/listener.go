// Case: metrics listener's Shutdown replaces the published listener set with nil under the lock, waits for a grace period outside the lock, and only then closes the old listeners
// Source: idiom: unpublish, wait, then destroy (Documentation/RCU/whatisRCU.rst; checklist.rst item 15), as in graceful shutdowns of Go servers
// Kind: idiom

package swapnilteardown

import (
	"errors"
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type listeners struct {
	ls []net.Listener
}

type Server struct {
	mu  sync.Mutex
	set rcuapi.Pointer[listeners]
}

func (s *Server) Addrs() []string {
	sec := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(sec)
	cur := s.set.Dereference(sec)
	if cur == nil {
		return nil
	}
	out := make([]string, 0, len(cur.ls))
	for _, l := range cur.ls {
		out = append(out, l.Addr().String())
	}
	return out
}

func (s *Server) Shutdown() error {
	s.mu.Lock()
	old := s.set.Replace(nil, &s.mu)
	s.mu.Unlock()
	if old == nil {
		return nil
	}
	rcuapi.Synchronize()
	var errs []error
	for _, l := range old.ls {
		errs = append(errs, l.Close())
	}
	return errors.Join(errs...)
}
