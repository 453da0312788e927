// Case: protected pointers used after their section only as identities: compared with each other or nil, used as map keys, passed as the expected value of CompareAndSwap
// Source: idiom: identity uses read no protected memory (issue 13 item 1); the lock-free updater (checklist item 1, "atomic operations") reads under a section and publishes with a compare-and-swap
// Kind: idiom

package backendidentityonly

import (
	"errors"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Backend serves some hosts.
type Backend struct {
	Addr   string
	Weight int
}

// Table maps hosts to backends; several hosts may share one backend.
type Table struct {
	Version int
	byHost  map[string]*Backend
}

var (
	table       rcuapi.Pointer[Table] // updated only with CompareAndSwap
	errNotFound = errors.New("no backend")
)

// SameBackend reports whether hosts a and b are served by one backend.
func SameBackend(a, b string) bool {
	s := rcuapi.ReadLock()
	t := table.Dereference(s)
	pa, pb := t.byHost[a], t.byHost[b]
	rcuapi.ReadUnlock(s)
	return pa != nil && pa == pb
}

// Check reports whether host has a backend.
func Check(host string) error {
	s := rcuapi.ReadLock()
	p := table.Dereference(s).byHost[host]
	rcuapi.ReadUnlock(s)
	if p == nil {
		return errNotFound
	}
	return nil
}

// DistinctBackends counts the backends serving hosts.
func DistinctBackends(hosts []string) int {
	ptrs := make([]*Backend, 0, len(hosts))
	s := rcuapi.ReadLock()
	t := table.Dereference(s)
	for _, h := range hosts {
		if b := t.byHost[h]; b != nil {
			ptrs = append(ptrs, b)
		}
	}
	rcuapi.ReadUnlock(s)
	seen := make(map[*Backend]struct{}, len(ptrs))
	for _, b := range ptrs {
		seen[b] = struct{}{}
	}
	return len(seen)
}

// Meta describes the table's version; it is updated lock-free.
type Meta struct {
	Version int
	Note    string
}

var meta rcuapi.Pointer[Meta]

// Bump publishes a new version with note, retrying if another updater got
// there first. old is used after the section only as the expected value.
func Bump(note string) int {
	for {
		s := rcuapi.ReadLock()
		old := meta.Dereference(s)
		next := &Meta{Version: 1, Note: note}
		if old != nil {
			next.Version = old.Version + 1
		}
		rcuapi.ReadUnlock(s)
		if meta.CompareAndSwap(old, next) {
			return next.Version
		}
	}
}

// SetTable publishes t.
func SetTable(t *Table) {
	for {
		old := table.Access()
		if table.CompareAndSwap(old, t) {
			return
		}
	}
}
