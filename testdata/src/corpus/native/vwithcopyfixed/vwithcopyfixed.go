// Case: the copy returned by WithValue is published with CompareAndSwap and the update retried if another writer got in first
// Source: idiom: google.golang.org/grpc@v1.85.0 attributes/attributes.go Attributes.WithValue, published with a CompareAndSwap retry loop (the loop shape of prometheus@v0.316.0 storage/remote/queue_manager.go setAtomicToNewer)
// Kind: fixed
// Pair: vwithcopybad

package vwithcopyfixed

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
	for {
		old := e.attrs.Load()
		if e.attrs.CompareAndSwap(old, old.WithValue(key, value)) {
			return
		}
	}
}

func (e *endpoint) lookup(key any) any { return e.attrs.Load().Value(key) }
