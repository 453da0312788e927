// Case: plugin registry's Close cleans up its SRCU field, then logs the count through a method that reads under that same domain
// Source: Linux cleanup_srcu_struct() kernel-doc (the caller must prevent any further use of the srcu_struct; later srcu_read_lock() is a use-after-free of its per-CPU data); rcuapi doc: any use of an SRCU after Cleanup panics
// Kind: bad
// Pair: useaftermethodfixed

package useaftermethodbad

import (
	"log"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type plugin struct {
	name    string
	version string
	handle  func([]byte) []byte
}

// Registry maps names to loaded plugins. Handlers run inside the section
// and may block, hence SRCU.
type Registry struct {
	d       *rcuapi.SRCU
	mu      sync.Mutex
	plugins rcuapi.Map[string, *plugin]
}

// New returns an empty registry.
func New() *Registry { return &Registry{d: rcuapi.NewSRCU("plugins")} }

// Run passes in through the named plugin.
func (r *Registry) Run(name string, in []byte) ([]byte, bool) {
	s := r.d.ReadLock()
	defer r.d.ReadUnlock(s)
	p, ok := r.plugins.Load(s, name)
	if !ok {
		return nil, false
	}
	return p.handle(in), true
}

// Len counts the registered plugins.
func (r *Registry) Len() int {
	s := r.d.ReadLock()
	defer r.d.ReadUnlock(s)
	n := 0
	for range r.plugins.Range(s) {
		n++
	}
	return n
}

// Register adds p.
func (r *Registry) Register(name, version string, h func([]byte) []byte) {
	r.mu.Lock()
	r.plugins.Store(name, &plugin{name: name, version: version, handle: h})
	r.mu.Unlock()
}

// Close ends the registry once no caller of Run is left.
func (r *Registry) Close() {
	r.d.Synchronize()
	if err := r.d.Cleanup(); err != nil {
		log.Printf("plugins: cleanup: %v", err)
	}
	log.Printf("plugins: closed with %d registered", r.Len()) // expect RCU6005
}
