// Case: service registry updates under its mutex, but the expiry loop resets it without the lock
// Source: concurrent rcu_assign_pointer() updaters without common locking lose updates (Documentation/RCU/checklist.rst item 1)
// Kind: bad
// Pair: unlockedupdaterfix

package unlockedupdater

import (
	"maps"
	"net/netip"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type instance struct {
	addr    netip.AddrPort
	expires time.Time
}

type snapshot struct {
	byService map[string][]instance
	built     time.Time
}

type Registry struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[snapshot]
}

// Register adds an instance of svc.
func (r *Registry) Register(svc string, in instance) {
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.cur.Protected(&r.mu)
	next := &snapshot{byService: maps.Clone(old.byService), built: time.Now()}
	next.byService[svc] = append(append([]instance(nil), old.byService[svc]...), in)
	r.cur.Assign(next)
}

// expire drops every instance whose lease ran out.
func (r *Registry) expire(now time.Time) {
	s := rcuapi.ReadLock()
	old := r.cur.Dereference(s)
	next := &snapshot{byService: map[string][]instance{}, built: now}
	for svc, ins := range old.byService {
		for _, in := range ins {
			if in.expires.After(now) {
				next.byService[svc] = append(next.byService[svc], in)
			}
		}
	}
	rcuapi.ReadUnlock(s)
	r.cur.Assign(next) // expect RCU2003
}

func (r *Registry) expireLoop(stop <-chan struct{}) {
	t := time.NewTicker(10 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			r.expire(now)
		}
	}
}

// Start creates a registry and its expiry goroutine.
func Start(stop <-chan struct{}) *Registry {
	r := &Registry{}
	r.cur.Init(&snapshot{byService: map[string][]instance{}})
	go r.expireLoop(stop)
	return r
}
