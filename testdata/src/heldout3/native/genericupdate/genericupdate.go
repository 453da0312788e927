// Case: generic copy-on-write holder's Update loads the value, applies the caller's function to a copy and stores the result, with neither a lock nor a CompareAndSwap loop; two admin endpoints use it concurrently
// Source: opencensus-go PR #840 (Load, copy, Store with no writer lock lost concurrent updates); Documentation/RCU/checklist.rst item 1 (updaters need locking or atomic read-modify-write)
// Kind: bad
// Pair: native/genericupdatefix

package genericupdate

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
	var base T
	cur := v.p.Load()
	if cur != nil {
		base = *cur
	}
	next := fn(base)
	v.p.Store(&next) // expect RCU7001
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
