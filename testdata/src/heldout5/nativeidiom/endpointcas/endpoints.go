// Case: endpointcas
// Source: idiom: lock-free updaters retry with CompareAndSwap until their copy replaced the version they read (Documentation/RCU/checklist.rst item 1, atomic updaters)
// Kind: idiom
package endpointcas

import (
	"slices"
	"sync/atomic"
)

type Endpoints struct {
	Addrs []string
}

type Set struct {
	cur atomic.Pointer[Endpoints]
}

func (s *Set) List() []string {
	if e := s.cur.Load(); e != nil {
		return e.Addrs
	}
	return nil
}

// update applies fn to a copy until the copy is published over the version it was made from.
func (s *Set) update(fn func([]string) []string) {
	for {
		old := s.cur.Load()
		var addrs []string
		if old != nil {
			addrs = slices.Clone(old.Addrs)
		}
		next := &Endpoints{Addrs: fn(addrs)}
		if s.cur.CompareAndSwap(old, next) {
			return
		}
	}
}

// Add and Remove are called from concurrent health-check goroutines.
func (s *Set) Add(addr string) {
	s.update(func(a []string) []string {
		if slices.Contains(a, addr) {
			return a
		}
		return append(a, addr)
	})
}

func (s *Set) Remove(addr string) {
	s.update(func(a []string) []string {
		return slices.DeleteFunc(a, func(x string) bool { return x == addr })
	})
}
