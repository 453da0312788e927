// Case: health checker marks a backend down by writing its status into the list element it found while walking the RCU list as a reader
// Source: Documentation/RCU/checklist.rst item 3 (an element published to readers is updated by replacing it, list_replace_rcu(), not in place) and listRCU.rst
// Kind: bad
// Pair: markdownfix

package markdown

import (
	"net/netip"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Status explains why a backend is out of rotation.
type Status struct {
	Since  time.Time
	Reason string
}

type Backend struct {
	Name string
	Addr netip.AddrPort
	Down *Status // nil while in rotation
}

type Pool struct {
	mu       sync.Mutex // serialises changes of the list
	backends rcuapi.List[Backend]
}

// Pick returns the first backend in rotation.
func (p *Pool) Pick() (netip.AddrPort, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range p.backends.All(s) {
		if e.Value.Down == nil {
			return e.Value.Addr, true
		}
	}
	return netip.AddrPort{}, false
}

// MarkDown takes a backend out of rotation after a failed health check.
func (p *Pool) MarkDown(name string, now time.Time, reason string) {
	st := &Status{Since: now, Reason: reason}
	s := rcuapi.ReadLock()
	for e := range p.backends.All(s) {
		if e.Value.Name == name {
			e.Value.Down = st // expect RCU2002
			break
		}
	}
	rcuapi.ReadUnlock(s)
}

// Add puts a backend in rotation.
func (p *Pool) Add(name string, addr netip.AddrPort) {
	p.mu.Lock()
	p.backends.PushBack(Backend{Name: name, Addr: addr})
	p.mu.Unlock()
}
