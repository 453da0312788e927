// Case: generic copy-on-write list whose Update runs a caller function on a clone and publishes it with a CompareAndSwap loop; instantiated for a webhook subscriber list
// Source: idiom: generic copy-on-write containers with atomic read-modify-write updaters (Documentation/RCU/checklist.rst item 1b)
// Kind: idiom

package genericcas

import (
	"slices"
	"sync/atomic"
)

type COWList[T any] struct {
	p atomic.Pointer[[]T]
}

func (l *COWList[T]) Snapshot() []T {
	if s := l.p.Load(); s != nil {
		return *s
	}
	return nil
}

// Update applies fn to a private clone until the clone wins the race.
func (l *COWList[T]) Update(fn func([]T) []T) {
	for {
		cur := l.p.Load()
		var base []T
		if cur != nil {
			base = *cur
		}
		next := fn(slices.Clone(base))
		if l.p.CompareAndSwap(cur, &next) {
			return
		}
	}
}

type Subscriber struct {
	URL    string
	Events []string
}

type Hooks struct {
	subs COWList[Subscriber]
}

func (h *Hooks) Subscribe(s Subscriber) {
	h.subs.Update(func(l []Subscriber) []Subscriber { return append(l, s) })
}

func (h *Hooks) Unsubscribe(url string) {
	h.subs.Update(func(l []Subscriber) []Subscriber {
		return slices.DeleteFunc(l, func(s Subscriber) bool { return s.URL == url })
	})
}

func (h *Hooks) Targets(event string) []string {
	var out []string
	for _, s := range h.subs.Snapshot() {
		if slices.Contains(s.Events, event) {
			out = append(out, s.URL)
		}
	}
	return out
}
