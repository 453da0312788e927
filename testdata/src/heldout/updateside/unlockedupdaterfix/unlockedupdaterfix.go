// Case: service registry expiry loop rebuilds and publishes under the same mutex as Register
// Source: concurrent rcu_assign_pointer() updaters without common locking lose updates (Documentation/RCU/checklist.rst item 1)
// Kind: fixed
// Pair: unlockedupdater

package unlockedupdaterfix

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
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.cur.Protected(&r.mu)
	next := &snapshot{byService: map[string][]instance{}, built: now}
	for svc, ins := range old.byService {
		for _, in := range ins {
			if in.expires.After(now) {
				next.byService[svc] = append(next.byService[svc], in)
			}
		}
	}
	r.cur.Assign(next)
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
