// Case: a persistent-structure method returns a new copy with one more entry, and the result is stored back into the slot it was loaded from, with no lock
// Source: idiom: google.golang.org/grpc@v1.85.0 attributes/attributes.go Attributes.WithValue (returns a new *Attributes chained to the old one); here the copy is written back to a shared slot from several goroutines
// Kind: bad
// Pair: vwithcopyfixed

package vwithcopybad

import "sync/atomic"

// Attributes is an immutable chain of key/value pairs.
type Attributes struct {
	parent     *Attributes
	key, value any
}

// WithValue returns a copy of a with key set to value.
func (a *Attributes) WithValue(key, value any) *Attributes {
	return &Attributes{parent: a, key: key, value: value}
}

// Value returns the value for key.
func (a *Attributes) Value(key any) any {
	for cur := a; cur != nil; cur = cur.parent {
		if cur.key == key {
			return cur.value
		}
	}
	return nil
}

type endpoint struct {
	attrs atomic.Pointer[Attributes]
}

// annotate is called by several balancer goroutines.
func (e *endpoint) annotate(key, value any) {
	e.attrs.Store(e.attrs.Load().WithValue(key, value)) // expect RCU7001
}

func (e *endpoint) lookup(key any) any { return e.attrs.Load().Value(key) }
