// Package rangefunc ranges over functions: user iterators over an RCU
// list, iter.Seq2, nested loops, early exits, iter.Pull, and the standard
// library's iterators over protected data.
package rangefunc

import (
	"iter"
	"maps"
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type route struct {
	prefix string
	hops   int
	tags   map[string]int
	peers  []string
}

// Table is a list of routes.
type Table struct {
	mu sync.Mutex
	l  rcuapi.List[route]
}

// Routes iterates over the routes under the Section it is given.
func (t *Table) Routes(s rcuapi.Section) iter.Seq[*route] {
	return func(yield func(*route) bool) {
		for e := range t.l.All(s) {
			if !yield(&e.Value) {
				return
			}
		}
	}
}

// Pairs iterates over prefix and route.
func (t *Table) Pairs(s rcuapi.Section) iter.Seq2[string, *route] {
	return func(yield func(string, *route) bool) {
		for r := range t.Routes(s) {
			if !yield(r.prefix, r) {
				return
			}
		}
	}
}

// Count uses both iterators inside one section.
func Count(t *Table) (n int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for r := range t.Routes(s) {
		n += r.hops
	}
	for k, r := range t.Pairs(s) {
		n += len(k) + r.hops
	}
	return n
}

// Nested ranges over the table inside a range over it.
func Nested(t *Table) (n int) {
	s := rcuapi.ReadLock()
	for a := range t.Routes(s) {
		for b := range t.Routes(s) {
			if a == b {
				continue
			}
			n += a.hops * b.hops
		}
	}
	rcuapi.ReadUnlock(s)
	return n
}

// Find returns from inside two nested loops, with a deferred ReadUnlock.
func Find(t *Table, name string) (int, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for k, r := range t.Pairs(s) {
		for e := range t.l.All(s) {
			if k == name && e.Value.hops == r.hops {
				return r.hops, true
			}
		}
	}
	return 0, false
}

// FindUnlock ends the section inside the loop body before returning.
func FindUnlock(t *Table, name string) int {
	s := rcuapi.ReadLock()
	for r := range t.Routes(s) {
		if r.prefix == name {
			h := r.hops
			rcuapi.ReadUnlock(s)
			return h
		}
	}
	rcuapi.ReadUnlock(s)
	return -1
}

// NestedUnlock ends the section inside two nested loops before returning.
// (FuzzEngine found it reported as returning with the section open.)
func NestedUnlock(t *Table, n int) int {
	s := rcuapi.ReadLock()
	for a := range t.Routes(s) {
		for b := range t.l.All(s) {
			if a.hops+b.Value.hops == n {
				rcuapi.ReadUnlock(s)
				return n
			}
		}
	}
	rcuapi.ReadUnlock(s)
	return 0
}

// Labeled breaks out of nested loops by label.
func Labeled(t *Table) (n int) {
	s := rcuapi.ReadLock()
outer:
	for a := range t.Routes(s) {
		for k, b := range t.Pairs(s) {
			if k == "" {
				continue outer
			}
			if a.hops > b.hops {
				break outer
			}
			n++
		}
	}
	rcuapi.ReadUnlock(s)
	return n
}

// Pulled pulls from an iterator inside the section.
func Pulled(t *Table) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	next, stop := iter.Pull(t.Routes(s))
	defer stop()
	r, ok := next()
	if !ok {
		return 0
	}
	return r.hops
}

// Std ranges over protected data with the standard library's iterators.
func Std(t *Table) (out []string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for r := range t.Routes(s) {
		for _, p := range slices.All(r.peers) {
			out = append(out, p)
		}
		for _, k := range slices.Sorted(maps.Keys(r.tags)) {
			out = append(out, k)
		}
	}
	return out
}

// Squares is a user iterator over no RCU data at all.
func Squares(n int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for i := range n {
			if !yield(i, i*i) {
				return
			}
		}
	}
}

// Mixed ranges over a plain iterator inside an RCU one.
func Mixed(t *Table) (n int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for r := range t.Routes(s) {
		for i, sq := range Squares(r.hops) {
			n += i * sq
		}
	}
	return n
}

// Add publishes a route.
func (t *Table) Add(prefix string, hops int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.l.PushBack(route{prefix: prefix, hops: hops})
}

// Last keeps the last element after the section.
func Last(t *Table) int {
	s := rcuapi.ReadLock()
	var last *rcuapi.Element[route]
	for e := range t.l.All(s) {
		last = e
	}
	rcuapi.ReadUnlock(s)
	return last.Value.hops // want RCU1002
}

// AfterUnlock ranges over the list after the section ended.
func AfterUnlock(t *Table) (n int) {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	for e := range t.l.All(s) { // want RCU1001
		n++
		_ = e
	}
	return n
}

// EarlyReturn returns from the loop with the section open.
func EarlyReturn(t *Table, name string) bool {
	s := rcuapi.ReadLock()
	for e := range t.l.All(s) {
		if e.Value.prefix == name {
			return true // want RCU1003
		}
	}
	rcuapi.ReadUnlock(s)
	return false
}
