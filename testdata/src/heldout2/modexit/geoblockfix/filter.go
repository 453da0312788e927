// Case: geo-blocking filter module's Exit stops updates, queues the last release, then waits for every release with Barrier
// Source: Documentation/RCU/rcubarrier.rst and checklist.rst item 18 (a module that uses call_rcu() must call rcu_barrier() in its exit function); the 2009 patch series adding rcu_barrier() to the exit paths of modules that use call_rcu() (lkml.iu.edu/hypermail/linux/kernel/0906.1/00224.html)
// Kind: fixed
// Pair: geoblock

package geoblockfix

import (
	"errors"
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var errClosed = errors.New("geoblock: module unloaded")

// blockSet is the set of blocked networks. Its prefix slice comes from a
// pool and goes back there when the set is retired.
type blockSet struct {
	prefixes []netip.Prefix
}

var prefixPool = sync.Pool{New: func() any { return new([]netip.Prefix) }}

func (b *blockSet) release() {
	p := b.prefixes[:0]
	prefixPool.Put(&p)
}

type filter struct {
	mu      sync.Mutex
	closed  bool
	blocked rcuapi.Pointer[blockSet]
}

var f = &filter{}

// Module is registered with the proxy's module loader.
var Module = &rcuapi.Module{Name: "geoblock", Init: f.start, Exit: f.shutdown}

func (f *filter) start() error {
	f.mu.Lock()
	f.closed = false
	f.blocked.Assign(&blockSet{})
	f.mu.Unlock()
	return nil
}

// Blocked reports whether addr is in a blocked network.
func Blocked(addr netip.Addr) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	set := f.blocked.Dereference(s)
	if set == nil {
		return false
	}
	for _, p := range set.prefixes {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// Update publishes a new block list (from the control plane).
func Update(prefixes []netip.Prefix) error {
	p := *prefixPool.Get().(*[]netip.Prefix)
	next := &blockSet{prefixes: append(p[:0], prefixes...)}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return errClosed
	}
	// The release is queued under the lock, so that shutdown, which takes
	// the lock before it drains, sees every release queued before it.
	if old := f.blocked.Replace(next, &f.mu); old != nil {
		rcuapi.Call(old.release)
	}
	f.mu.Unlock()
	return nil
}

func (f *filter) shutdown() {
	f.mu.Lock()
	f.closed = true
	if old := f.blocked.Replace(nil, &f.mu); old != nil {
		rcuapi.Call(old.release)
	}
	f.mu.Unlock()
	rcuapi.Barrier()
}
