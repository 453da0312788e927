// Case: the generic wrapper always stores a wrappedValue[T] struct, one concrete type whatever T holds
// Source: tailscale/tailscale PR #11943 https://github.com/tailscale/tailscale/pull/11943, code at the fix 5db80cf2d8f2, syncs/syncs.go (type wrappedValue[T any] struct{ v T })
// Kind: fixed
// Pair: ts11943bad

package ts11943fixed

import "sync/atomic"

// AtomicValue wraps atomic.Value with a type parameter.
type AtomicValue[T any] struct {
	v atomic.Value
}

// wrappedValue gives every stored value one concrete type.
type wrappedValue[T any] struct{ v T }

// Load returns what was stored last, or T's zero value.
func (v *AtomicValue[T]) Load() T {
	x, _ := v.LoadOk()
	return x
}

// LoadOk also says whether anything was stored yet.
func (v *AtomicValue[T]) LoadOk() (_ T, ok bool) {
	if x := v.v.Load(); x != nil {
		return x.(wrappedValue[T]).v, true
	}
	var zero T
	return zero, false
}

// Store replaces the value.
func (v *AtomicValue[T]) Store(x T) {
	v.v.Store(wrappedValue[T]{x})
}

// lastErr is a use with an interface type argument, as in tailscale's code.
var lastErr AtomicValue[error]
