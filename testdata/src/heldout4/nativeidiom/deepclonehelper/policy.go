// Case: authorization policy store updates through a hand-written Clone that copies every map and slice, then edits the clone freely and publishes it under the writer mutex
// Source: idiom: copy, update the copy, publish (Documentation/RCU/checklist.rst item 3); hand-written deep copies in Go policy engines (opa, casbin adapters)
// Kind: idiom

package deepclonehelper

import (
	"slices"
	"sync"
	"sync/atomic"
)

type Rule struct {
	Actions   []string
	Resources []string
}

type Policy struct {
	Revision int
	Roles    map[string][]Rule
	Admins   []string
}

// Clone returns a copy sharing no memory with p.
func (p *Policy) Clone() *Policy {
	c := &Policy{Revision: p.Revision, Roles: make(map[string][]Rule, len(p.Roles)), Admins: slices.Clone(p.Admins)}
	for role, rules := range p.Roles {
		rs := make([]Rule, len(rules))
		for i, r := range rules {
			rs[i] = Rule{Actions: slices.Clone(r.Actions), Resources: slices.Clone(r.Resources)}
		}
		c.Roles[role] = rs
	}
	return c
}

type Store struct {
	mu     sync.Mutex
	policy atomic.Pointer[Policy]
}

func (s *Store) Grant(role string, r Rule) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.policy.Load().Clone()
	next.Revision++
	next.Roles[role] = append(next.Roles[role], r)
	s.policy.Store(next)
}

func (s *Store) AddAction(role string, i int, action string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.policy.Load().Clone()
	if i < len(next.Roles[role]) {
		next.Roles[role][i].Actions = append(next.Roles[role][i].Actions, action)
		next.Revision++
		s.policy.Store(next)
	}
}

func (s *Store) Allowed(role, action string) bool {
	for _, r := range s.policy.Load().Roles[role] {
		if slices.Contains(r.Actions, action) || slices.Contains(r.Actions, "*") {
			return true
		}
	}
	return false
}
