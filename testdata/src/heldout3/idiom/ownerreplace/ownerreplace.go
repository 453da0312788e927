// Case: listener manager with one owner goroutine publishes new listener sets with Replace naming rcuapi.SingleUpdater, and closes the replaced listeners after a grace period
// Source: idiom: updates confined to one task need no lock (Documentation/RCU/checklist.rst item 1c); rcuapi.SingleUpdater documentation
// Kind: idiom

package ownerreplace

import (
	"context"
	"net"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type listenerSet struct {
	byAddr map[string]net.Listener
}

type Manager struct {
	set     rcuapi.Pointer[listenerSet]
	changes chan []string
}

// run is the only goroutine that updates m.set.
func (m *Manager) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case addrs := <-m.changes:
			old := m.set.Protected(rcuapi.SingleUpdater)
			next := &listenerSet{byAddr: map[string]net.Listener{}}
			for _, a := range addrs {
				if old != nil && old.byAddr[a] != nil {
					next.byAddr[a] = old.byAddr[a]
					continue
				}
				if ln, err := net.Listen("tcp", a); err == nil {
					next.byAddr[a] = ln
				}
			}
			m.set.Replace(next, rcuapi.SingleUpdater)
			if old == nil {
				continue
			}
			rcuapi.Synchronize()
			for a, ln := range old.byAddr {
				if next.byAddr[a] == nil {
					ln.Close()
				}
			}
		}
	}
}

func (m *Manager) Listening(addr string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	set := m.set.Dereference(s)
	return set != nil && set.byAddr[addr] != nil
}
