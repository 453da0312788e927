package rcu7002

import (
	"sync"
	"sync/atomic"
)

// Writes that reach a loaded snapshot indirectly: through a method value
// bound to it, and through a callback that one of its methods applies to
// its parts.

type routeTable struct {
	routes map[string]string
	order  []string
}

func (t *routeTable) add(prefix, cluster string) { t.routes[prefix] = cluster }

func (t *routeTable) lookup(prefix string) string { return t.routes[prefix] }

func (t *routeTable) clone() *routeTable {
	c := &routeTable{routes: make(map[string]string, len(t.routes)), order: append([]string(nil), t.order...)}
	for k, v := range t.routes {
		c.routes[k] = v
	}
	return c
}

var (
	rtMu   sync.Mutex
	rtable atomic.Pointer[routeTable]
)

// A method value bound to the loaded table writes into it when called.
func badMethodValue(ann map[string]string) {
	rtMu.Lock()
	defer rtMu.Unlock()
	register := rtable.Load().add
	for p, c := range ann {
		register(p, c) // want `RCU7002: this hands a loaded snapshot to add, which writes into it`
	}
}

// The same method value, on a copy that is then published.
func okMethodValueOnCopy(ann map[string]string) {
	rtMu.Lock()
	defer rtMu.Unlock()
	next := rtable.Load().clone()
	register := next.add
	for p, c := range ann {
		register(p, c)
	}
	rtable.Store(next)
}

// A method value that only reads.
func okReadingMethodValue(prefixes []string) []string {
	find := rtable.Load().lookup
	var out []string
	for _, p := range prefixes {
		out = append(out, find(p))
	}
	return out
}

type quota struct {
	Name      string
	PerSecond int
}

type quotaSet struct {
	byName map[string]*quota
}

// each calls fn for every quota of the set.
func (s *quotaSet) each(fn func(*quota)) {
	for _, q := range s.byName {
		fn(q)
	}
}

// forEach is each under another name, as wrappers are.
func (s *quotaSet) forEach(fn func(*quota)) { s.each(fn) }

var (
	quotasMu sync.Mutex
	quotas   atomic.Pointer[quotaSet]
)

// A callback that the loaded set applies to its quotas writes into them.
func badCallback() {
	quotasMu.Lock()
	defer quotasMu.Unlock()
	quotas.Load().each(func(q *quota) {
		q.PerSecond /= 2 // want `RCU7002: this assigns to field PerSecond of what each hands to this function from a loaded snapshot`
	})
}

// The same through a method that hands the parts on with another.
func badCallbackTwoDeep() {
	quotasMu.Lock()
	defer quotasMu.Unlock()
	quotas.Load().forEach(func(q *quota) {
		q.PerSecond = 0 // want `RCU7002: this assigns to field PerSecond of what forEach hands to this function from a loaded snapshot`
	})
}

// A callback that only reads.
func okReadingCallback() int {
	total := 0
	quotas.Load().each(func(q *quota) { total += q.PerSecond })
	return total
}

// A callback that writes into copies of the parts, which it keeps.
func okCallbackCopies() map[string]quota {
	out := map[string]quota{}
	quotas.Load().each(func(q *quota) {
		c := *q
		c.PerSecond *= 2
		out[c.Name] = c
	})
	return out
}

// A callback that writes into the parts of a set the function built.
func okCallbackOnFresh(names []string) *quotaSet {
	s := &quotaSet{byName: map[string]*quota{}}
	for _, n := range names {
		s.byName[n] = &quota{Name: n, PerSecond: 10}
	}
	s.each(func(q *quota) { q.PerSecond *= 2 })
	return s
}

// eachAnnotation calls f for every annotation.
func eachAnnotation(ann map[string]string, f func(prefix, cluster string)) {
	for p, c := range ann {
		f(p, c)
	}
}

// A method value of the loaded table handed to a function that calls it.
func badMethodValueArgument(ann map[string]string) {
	rtMu.Lock()
	defer rtMu.Unlock()
	eachAnnotation(ann, rtable.Load().add) // want `RCU7002: this hands eachAnnotation the method value add of a loaded snapshot, which writes into it`
}

// The same, with the method value of a copy.
func okMethodValueArgumentOnCopy(ann map[string]string) {
	rtMu.Lock()
	defer rtMu.Unlock()
	next := rtable.Load().clone()
	eachAnnotation(ann, next.add)
	rtable.Store(next)
}

// A reading method value handed on.
func okReadingMethodValueArgument(ann map[string]string) {
	eachAnnotation(ann, func(p, _ string) { _ = rtable.Load().lookup(p) })
}
