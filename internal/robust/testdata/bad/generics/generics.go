// Package generics uses rcuapi through type parameters: generic types and
// methods that hold a Pointer[T] or a List[T], generic helpers that take a
// Section, and domains given as type parameters.
package generics

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Box publishes values of any type.
type Box[T any] struct {
	mu sync.Mutex
	p  rcuapi.Pointer[T]
}

// Load copies the value out under a section.
func (b *Box[T]) Load() T {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return *b.p.Dereference(s)
}

// With calls f with the value, inside the section.
func (b *Box[T]) With(f func(*T)) {
	s := rcuapi.ReadLock()
	f(b.p.Dereference(s))
	rcuapi.ReadUnlock(s)
}

// Store publishes a copy of v.
func (b *Box[T]) Store(v T) {
	b.mu.Lock()
	n := new(T)
	*n = v
	b.p.Replace(n, &b.mu)
	b.mu.Unlock()
	rcuapi.Synchronize()
}

// Get returns the pointer after the section ended.
func (b *Box[T]) Get() *T {
	s := rcuapi.ReadLock()
	v := b.p.Dereference(s)
	rcuapi.ReadUnlock(s)
	return v // want RCU1002
}

// deref dereferences under the Section it is given.
func deref[T any](p *rcuapi.Pointer[T], s rcuapi.Section) *T { return p.Dereference(s) }

// end ends the Section it is given.
func end[T any](_ *T, s rcuapi.Section) { rcuapi.ReadUnlock(s) }

// First reads through a generic helper, correctly.
func First[T any](p *rcuapi.Pointer[T]) T {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return *deref(p, s)
}

// Late calls the generic helper after the section ended.
func Late[T any](p *rcuapi.Pointer[T]) T {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return *deref(p, s) // want RCU1001
}

// EndedByHelper ends the section through a generic helper, then reads.
func EndedByHelper(p *rcuapi.Pointer[int]) int {
	s := rcuapi.ReadLock()
	v := *p.Dereference(s)
	end(p, s)
	return v + *p.Dereference(s) // want RCU1001
}

type entry[K comparable, V any] struct {
	key K
	val V
}

// Registry is a generic RCU list.
type Registry[K comparable, V any] struct {
	mu sync.Mutex
	l  rcuapi.List[entry[K, V]]
}

// Find copies out the value of k.
func (r *Registry[K, V]) Find(k K) (v V, ok bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range r.l.All(s) {
		if e.Value.key == k {
			return e.Value.val, true
		}
	}
	return v, false
}

// FindPtr returns a pointer into an element after the section.
func (r *Registry[K, V]) FindPtr(k K) *V {
	s := rcuapi.ReadLock()
	var found *V
	for e := range r.l.All(s) {
		if e.Value.key == k {
			found = &e.Value.val
		}
	}
	rcuapi.ReadUnlock(s)
	return found // want RCU1002
}

// Add publishes a new element.
func (r *Registry[K, V]) Add(k K, v V) {
	r.mu.Lock()
	r.l.PushBack(entry[K, V]{k, v})
	r.mu.Unlock()
}

// Domain is what a domain type parameter must do.
type Domain interface {
	ReadLock() rcuapi.Section
	ReadUnlock(rcuapi.Section)
}

// ReadIn reads under a section of a domain given as a type parameter.
func ReadIn[D Domain, T any](d D, p *rcuapi.Pointer[T]) T {
	s := d.ReadLock()
	defer d.ReadUnlock(s)
	return *p.Dereference(s)
}

// Pass hands a Section through a type parameter.
func Pass[S any](s S) S { return s }

// Through reads under a section that went through Pass.
func Through(p *rcuapi.Pointer[int]) int {
	s := Pass(rcuapi.ReadLock())
	defer rcuapi.ReadUnlock(s)
	return *p.Dereference(s)
}

// Number is a constraint with a type set.
type Number interface{ ~int | ~int64 | ~float64 }

// Sum adds the values of a registry of numbers.
func Sum[N Number](r *Registry[string, N]) (total N) {
	s := rcuapi.ReadLock()
	for e := range r.l.All(s) {
		total += e.Value.val
	}
	rcuapi.ReadUnlock(s)
	return total
}

var (
	ints   Box[int]
	names  Registry[string, string]
	counts Registry[string, int64]
	dom    rcuapi.SRCU
	num    rcuapi.Pointer[int] // SRCU dom
	sink   int
)

// Use instantiates everything.
func Use() any {
	ints.Store(1)
	ints.With(func(v *int) { sink = *v })
	names.Add("a", "b")
	n, _ := names.Find("a")
	return []any{ints.Load(), ints.Get(), First(&ints.p), Late(&ints.p), n, names.FindPtr("a"),
		ReadIn(&dom, &num), Through(&num), Sum(&counts), EndedByHelper(&num)}
}
