// Case: generic copy-on-write holder's Update retries with CompareAndSwap until its copy replaced the version it read
// Source: opencensus-go PR #840 (Load, copy, Store with no writer lock lost concurrent updates); Documentation/RCU/checklist.rst item 1 (updaters need locking or atomic read-modify-write)
// Kind: fixed
// Pair: native/genericupdate

package genericupdatefix

import "sync/atomic"

// Value is a generic copy-on-write holder: readers call Get, writers Update.
type Value[T any] struct {
	p atomic.Pointer[T]
}

func (v *Value[T]) Get() T {
	if cur := v.p.Load(); cur != nil {
		return *cur
	}
	var zero T
	return zero
}

// Update replaces the value with fn applied to a copy of the current one.
func (v *Value[T]) Update(fn func(old T) T) {
	for {
		var base T
		cur := v.p.Load()
		if cur != nil {
			base = *cur
		}
		next := fn(base)
		if v.p.CompareAndSwap(cur, &next) {
			return
		}
	}
}

// Limits holds only value fields, so a copy shares nothing.
type Limits struct {
	RPS       int
	Burst     int
	MaxBodyKB int
}

type Service struct {
	limits Value[Limits]
}

// Raise and Clamp are two admin endpoints; both may run at the same time.
func (s *Service) Raise(delta int) {
	s.limits.Update(func(l Limits) Limits {
		l.RPS += delta
		l.Burst += delta / 10
		return l
	})
}

func (s *Service) Clamp(maxRPS int) {
	s.limits.Update(func(l Limits) Limits {
		if l.RPS > maxRPS {
			l.RPS = maxRPS
		}
		return l
	})
}

func (s *Service) Allow(inFlight int) bool {
	return inFlight < s.limits.Get().Burst
}
