// Case: resolver shutdown reads the backlog before cleaning the domain up
// Source: use of an srcu_struct after cleanup_srcu_struct() (Documentation/RCU/checklist.rst item 14; cleanup_srcu_struct() kernel-doc: the domain must not be used afterwards)
// Kind: fixed
// Pair: useafter

package useafterfix

import (
	"log"
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type answers struct {
	byName map[string][]netip.Addr
}

// Resolver answers from a cache read under d; misses go upstream inside
// the section.
type Resolver struct {
	mu       sync.Mutex
	d        rcuapi.SRCU
	cur      rcuapi.Pointer[answers]
	upstream func(name string) []netip.Addr
}

// Lookup answers name, asking upstream on a miss.
func (r *Resolver) Lookup(name string) []netip.Addr {
	s := r.d.ReadLock()
	defer r.d.ReadUnlock(s)
	if a, ok := r.cur.Dereference(s).byName[name]; ok {
		return append([]netip.Addr(nil), a...)
	}
	return r.upstream(name)
}

// Flush empties the cache.
func (r *Resolver) Flush() {
	r.mu.Lock()
	old := r.cur.Replace(&answers{byName: map[string][]netip.Addr{}}, &r.mu)
	r.mu.Unlock()
	if old != nil {
		r.d.Call(func() { clear(old.byName) })
	}
}

// Shutdown stops the resolver for good.
func (r *Resolver) Shutdown() {
	r.Flush()
	r.d.Barrier()
	left := r.d.Pending()
	if err := r.d.Cleanup(); err != nil {
		log.Printf("resolver: cleanup: %v", err)
	}
	log.Printf("resolver: stopped, %d callbacks left", left)
}
