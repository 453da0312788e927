// Case: plugin registry releases the RWMutex that readers take before it waits for the SRCU grace period
// Source: Documentation/RCU/checklist.rst item 11 and the KVM locking rules in Documentation/virt/kvm/locking.rst (a lock taken inside srcu_read_lock() must not be held across synchronize_srcu())
// Kind: fixed
// Pair: pluginquota

package pluginquotafix

import (
	"errors"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	ErrNoPlugin  = errors.New("registry: no such plugin")
	ErrOverQuota = errors.New("registry: plugin over quota")
)

type plugin struct {
	handle func([]byte) ([]byte, error) // may block
	stop   func()
}

type plugins struct {
	byName map[string]*plugin
}

func (ps *plugins) stopAll() {
	for _, p := range ps.byName {
		p.stop()
	}
}

type Registry struct {
	dom    rcuapi.SRCU
	mu     sync.RWMutex // guards quota and used; serialises Swap
	cur    rcuapi.Pointer[plugins]
	quota  map[string]int
	used   map[string]int
	usedMu sync.Mutex
}

func New() *Registry {
	r := &Registry{quota: map[string]int{}, used: map[string]int{}}
	r.cur.Init(&plugins{byName: map[string]*plugin{}})
	return r
}

// Invoke calls a plugin if it is within its quota.
func (r *Registry) Invoke(name string, req []byte) ([]byte, error) {
	s := r.dom.ReadLock()
	defer r.dom.ReadUnlock(s)
	p, ok := r.cur.Dereference(s).byName[name]
	if !ok {
		return nil, ErrNoPlugin
	}
	r.mu.RLock()
	limit := r.quota[name]
	r.mu.RUnlock()
	r.usedMu.Lock()
	over := r.used[name] >= limit
	if !over {
		r.used[name]++
	}
	r.usedMu.Unlock()
	if over {
		return nil, ErrOverQuota
	}
	return p.handle(req)
}

// Swap installs a new plugin set with its quotas and stops the old plugins
// once no call can still be inside them.
func (r *Registry) Swap(next *plugins, quota map[string]int) {
	r.mu.Lock()
	old := r.cur.Replace(next, &r.mu)
	r.quota = quota
	r.mu.Unlock()
	r.dom.Synchronize()
	if old != nil {
		old.stopAll()
	}
}
