// Case: a generic wrapper over atomic.Value stores the T it is given; with T an interface type, values of different concrete types panic
// Source: tailscale/tailscale PR #11943 https://github.com/tailscale/tailscale/pull/11943 (syncs: fix AtomicValue for interface kinds), code at its parent 44aa809cb012, syncs/syncs.go AtomicValue.Store and Swap
// Kind: bad
// Pair: ts11943fixed

package ts11943bad

import "sync/atomic"

// AtomicValue wraps atomic.Value with a type parameter.
type AtomicValue[T any] struct {
	v atomic.Value
}

// Load returns what was stored last, or T's zero value.
func (v *AtomicValue[T]) Load() T {
	x, _ := v.LoadOk()
	return x
}

// LoadOk also says whether anything was stored yet.
func (v *AtomicValue[T]) LoadOk() (_ T, ok bool) {
	if x := v.v.Load(); x != nil {
		return x.(T), true
	}
	var zero T
	return zero, false
}

// Store replaces the value.
func (v *AtomicValue[T]) Store(x T) {
	v.v.Store(x) // expect RCU7005
}

// lastErr is a use with an interface type argument, as in tailscale's code.
var lastErr AtomicValue[error]
