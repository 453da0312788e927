// Case: ACL store's writers all go through an updateLocked helper that must be called with the store's RWMutex held for writing; readers load the snapshot without the lock
// Source: idiom: a "...Locked" helper called only with the writer lock held (Go convention; Documentation/RCU/checklist.rst item 1a)
// Kind: idiom

package lockedhelper

import (
	"maps"
	"sync"
	"sync/atomic"
)

type acl struct {
	allow map[string]bool
}

type Store struct {
	mu  sync.RWMutex // writers only; readers use cur
	cur atomic.Pointer[acl]
}

// updateLocked must be called with s.mu held for writing.
func (s *Store) updateLocked(fn func(map[string]bool)) {
	next := map[string]bool{}
	if old := s.cur.Load(); old != nil {
		next = maps.Clone(old.allow)
	}
	fn(next)
	s.cur.Store(&acl{allow: next})
}

func (s *Store) Grant(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updateLocked(func(m map[string]bool) { m[user] = true })
}

func (s *Store) Revoke(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updateLocked(func(m map[string]bool) { delete(m, user) })
}

func (s *Store) Allowed(user string) bool {
	a := s.cur.Load()
	return a != nil && a.allow[user]
}
