// Case: tenant feature store: every writer method takes the store's mutex with a deferred unlock and goes through one copy helper; readers load without the lock and return copies of the value fields
// Source: idiom: the writer-mutex fix of opencensus-go PR #840 and opentelemetry-go PR #1079, written with defer and a shared copy helper
// Kind: idiom

package writerlockdefer

import (
	"maps"
	"sync"
	"sync/atomic"
)

type Plan struct {
	Name     string
	Seats    int
	Features map[string]bool
}

type Store struct {
	mu    sync.Mutex
	plans atomic.Pointer[map[string]*Plan]
}

// edit copies the published plans and the named plan; s.mu must be held.
func (s *Store) edit(tenant string) (map[string]*Plan, *Plan) {
	var next map[string]*Plan
	if cur := s.plans.Load(); cur != nil {
		next = maps.Clone(*cur)
	} else {
		next = map[string]*Plan{}
	}
	p := &Plan{Features: map[string]bool{}}
	if old, ok := next[tenant]; ok {
		p.Name, p.Seats, p.Features = old.Name, old.Seats, maps.Clone(old.Features)
	}
	next[tenant] = p
	return next, p
}

func (s *Store) SetSeats(tenant string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next, p := s.edit(tenant)
	p.Seats = n
	s.plans.Store(&next)
}

func (s *Store) Toggle(tenant, feature string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next, p := s.edit(tenant)
	p.Features[feature] = on
	s.plans.Store(&next)
}

func (s *Store) Enabled(tenant, feature string) bool {
	cur := s.plans.Load()
	if cur == nil {
		return false
	}
	p, ok := (*cur)[tenant]
	return ok && p.Features[feature]
}
