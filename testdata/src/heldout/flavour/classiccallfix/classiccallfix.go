// Case: feature-flag set read under classic RCU, retired with the classic Call
// Source: call_srcu() used to free data whose readers use rcu_read_lock() (Documentation/RCU/checklist.rst item 7: readers and updaters must use the same flavour)
// Kind: fixed
// Pair: classiccall

package classiccallfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type flagSet struct {
	on    map[string]bool
	names []string
}

var namesPool sync.Pool

// Flags keeps a plugin table under pluginSRCU (handlers block) and the flag
// set under classic RCU (checked on every request, never blocks).
type Flags struct {
	mu         sync.Mutex
	pluginSRCU rcuapi.SRCU
	plugins    rcuapi.Pointer[[]string]
	set        rcuapi.Pointer[flagSet]
}

// On is checked on every request.
func (f *Flags) On(name string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	fs := f.set.Dereference(s)
	return fs != nil && fs.on[name]
}

// Set flips one flag by publishing a copy.
func (f *Flags) Set(name string, v bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	old := f.set.Protected(&f.mu)
	next := &flagSet{on: map[string]bool{name: v}}
	if old != nil {
		for k, x := range old.on {
			if k != name {
				next.on[k] = x
			}
		}
	}
	for k := range next.on {
		next.names = append(next.names, k)
	}
	f.set.Assign(next)
	if old != nil {
		rcuapi.Call(func() { namesPool.Put(old.names[:0]) })
	}
}

// Plugins lists the plugin names; may run alongside blocking handlers.
func (f *Flags) Plugins() []string {
	s := f.pluginSRCU.ReadLock()
	defer f.pluginSRCU.ReadUnlock(s)
	if p := f.plugins.Dereference(s); p != nil {
		return append([]string(nil), *p...)
	}
	return nil
}
