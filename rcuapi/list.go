package rcuapi

import (
	"iter"
	"sync"
	"sync/atomic"
)

// List is an RCU-protected doubly linked list (the list_*_rcu family).
// Readers traverse it with All inside a section while updaters add, remove
// and replace elements; a reader sees each element either wholly linked or
// not at all, and an element removed under it still leads on to the rest of
// the list. An element removed or replaced may still be in use by readers
// until a grace period has elapsed. The zero value is an empty list. A List
// must not be copied after first use.
//
// The list links are updated under an internal lock, so the list itself is
// never corrupted; updaters still need a lock of their own when an update
// depends on what they read (find, then remove).
type List[T any] struct {
	mu   sync.Mutex // serialises changes of the links
	root Element[T] // sentinel: root.next is the first element, root.prev the last
	len  int
}

// Element is an element of a List.
type Element[T any] struct {
	Value T

	next atomic.Pointer[Element[T]] // followed by readers
	prev *Element[T]                // updaters only
	list *List[T]                   // nil once removed
}

// lazyInitLocked makes the zero List a ring around its sentinel.
func (l *List[T]) lazyInitLocked() {
	if l.root.next.Load() == nil {
		l.root.prev = &l.root
		l.root.list = l
		l.root.next.Store(&l.root)
	}
}

// insertAfterLocked links a new element after at. The element's fields are
// complete before the store that makes it reachable.
func (l *List[T]) insertAfterLocked(at *Element[T], v T) *Element[T] {
	e := &Element[T]{Value: v, prev: at, list: l}
	next := at.next.Load()
	e.next.Store(next)
	next.prev = e
	at.next.Store(e) // publish
	l.len++
	return e
}

// PushFront adds v at the front of the list (list_add_rcu) and returns its
// element.
//
//rcu:assign v
func (l *List[T]) PushFront(v T) *Element[T] {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lazyInitLocked()
	return l.insertAfterLocked(&l.root, v)
}

// PushBack adds v at the back of the list (list_add_tail_rcu) and returns
// its element.
//
//rcu:assign v
func (l *List[T]) PushBack(v T) *Element[T] {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lazyInitLocked()
	return l.insertAfterLocked(l.root.prev, v)
}

// Remove unlinks e from the list (list_del_rcu). Readers already at e still
// reach the rest of the list through it; retire e's value only after a grace
// period. Removing an element that is not in l does nothing.
//
//rcu:unpublish e
func (l *List[T]) Remove(e *Element[T]) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e == nil || e.list != l || e == &l.root {
		return
	}
	next := e.next.Load()
	e.prev.next.Store(next)
	next.prev = e.prev
	e.prev = nil
	e.list = nil
	l.len--
}

// Replace puts a new element holding v where old is (list_replace_rcu) and
// returns it; readers see either old or the new element, never neither.
// Retire old's value only after a grace period. If old is not in l, Replace
// does nothing and returns nil.
//
//rcu:assign v
//rcu:unpublish old
func (l *List[T]) Replace(old *Element[T], v T) *Element[T] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if old == nil || old.list != l || old == &l.root {
		return nil
	}
	e := &Element[T]{Value: v, prev: old.prev, list: l}
	next := old.next.Load()
	e.next.Store(next)
	next.prev = e
	old.prev.next.Store(e) // publish
	old.prev = nil
	old.list = nil
	return e
}

// Len returns the number of elements in the list. It is for updaters and
// statistics: by the time a reader uses it, it may have changed.
//
//rcu:noblock
func (l *List[T]) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.len
}

// All returns an iterator over the list's elements for a reader inside
// section s (list_for_each_entry_rcu):
//
//	for e := range l.All(s) { ... }
//
// The loop must end before s does. It panics if s is the zero Section.
//
//rcu:deref s
func (l *List[T]) All(s Section) iter.Seq[*Element[T]] {
	s.mustBeLive("List.All")
	return l.all
}

// AllProtected returns an iterator over the list's elements for an updater
// that holds the update lock named by held. The loop body may remove the
// element it is given.
//
//rcu:protected held
func (l *List[T]) AllProtected(held sync.Locker) iter.Seq[*Element[T]] {
	mustBeHeld(held, "List.AllProtected")
	return l.all
}

func (l *List[T]) all(yield func(*Element[T]) bool) {
	e := l.root.next.Load()
	if e == nil {
		return // a zero List
	}
	for e != &l.root {
		next := e.next.Load() // loaded first: yield may remove e
		if !yield(e) {
			return
		}
		e = next
	}
}
