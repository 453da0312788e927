// Case: the slot holds a reference-counted handshake config; a new config is swapped in and the old one's reference dropped with Decrement, readers take a reference with TryIncrement and retry if it already died
// Source: idiom: google.golang.org/grpc@v1.85.0 internal/grpcsync/refcounted.go RefCounted (TryIncrement, Decrement, onZero), internal/xds/balancer/clusterimpl/clusterimpl.go updateSecurityConfig/Close (xdsHIPtr.Swap then oldHI.Decrement), internal/credentials/xds/handshake_info.go ClientSideTLSConfig
// Kind: idiom
// Pair: none

package irefcount

import (
	"errors"
	"sync/atomic"
)

// RefCounted wraps a value and runs onZero when the last reference goes.
type RefCounted[T any] struct {
	val      T
	refCount atomic.Int32
	onZero   func()
}

// NewRefCounted returns val with one reference.
func NewRefCounted[T any](val T, onZero func()) *RefCounted[T] {
	rc := &RefCounted[T]{val: val, onZero: onZero}
	rc.refCount.Store(1)
	return rc
}

// Value returns the wrapped value.
func (rc *RefCounted[T]) Value() T { return rc.val }

// TryIncrement takes a reference unless the count already reached zero.
func (rc *RefCounted[T]) TryIncrement() bool {
	for {
		n := rc.refCount.Load()
		if n <= 0 {
			return false
		}
		if rc.refCount.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// Decrement drops a reference; the last one runs onZero.
func (rc *RefCounted[T]) Decrement() {
	if rc.refCount.Add(-1) == 0 {
		rc.onZero()
	}
}

// HandshakeInfo holds certificate providers, closed by onZero.
type HandshakeInfo struct {
	rootProvider, identityProvider interface{ Close() }
}

type clusterImpl struct {
	xdsHIPtr atomic.Pointer[RefCounted[*HandshakeInfo]]
}

func newHandshakeInfo(hi *HandshakeInfo) *RefCounted[*HandshakeInfo] {
	return NewRefCounted(hi, func() {
		if hi.rootProvider != nil {
			hi.rootProvider.Close()
		}
		if hi.identityProvider != nil {
			hi.identityProvider.Close()
		}
	})
}

// updateSecurityConfig installs new providers.
func (b *clusterImpl) updateSecurityConfig(hi *HandshakeInfo) {
	oldHI := b.xdsHIPtr.Swap(newHandshakeInfo(hi))
	if oldHI != nil {
		oldHI.Decrement()
	}
}

// clientHandshake is the read side, per new connection; done must be called after the handshake.
func (b *clusterImpl) clientHandshake() (hi *HandshakeInfo, done func(), err error) {
	for {
		hiRC := b.xdsHIPtr.Load()
		if hiRC == nil {
			return nil, func() {}, errors.New("xds: connection closed")
		}
		if !hiRC.TryIncrement() {
			if b.xdsHIPtr.Load() != hiRC {
				continue
			}
			return nil, func() {}, errors.New("xds: HandshakeInfo dead")
		}
		return hiRC.Value(), hiRC.Decrement, nil
	}
}
