// Package snap is a generic RCU snapshot holder whose readers visit the
// current value inside a section and return only what the visitor computes.
package snap

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Holder[T any] struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[T]
}

// Read calls f on the current value inside a section. f must not keep the
// pointer: R should be a value (a number, a string, a copy).
func Read[T, R any](h *Holder[T], f func(*T) R) R {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return f(h.cur.Dereference(s))
}

// Update publishes f's copy of the current value.
func Update[T any](h *Holder[T], f func(old *T) *T) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cur.Assign(f(h.cur.Protected(&h.mu)))
}
