// Case: Close swaps a closed sentinel into the slot and calls Close on the old provider, where that Close only releases a reference in a shared, reference-counted store
// Source: idiom: google.golang.org/grpc@v1.85.0 credentials/tls/certprovider/store.go singleCloseWrappedProvider.Close (Swap(&closedProvider{}), (*old).Close()) and wrappedProvider.Close (refCount--, real Close at zero)
// Kind: idiom
// Pair: none

package icertprovider

import (
	"errors"
	"sync"
	"sync/atomic"
)

// Provider serves key material.
type Provider interface {
	KeyMaterial() ([]byte, error)
	Close()
}

type closedProvider struct{}

func (closedProvider) KeyMaterial() ([]byte, error) {
	return nil, errors.New("provider instance is closed")
}
func (closedProvider) Close() {}

type store struct {
	mu        sync.Mutex
	providers map[string]*wrappedProvider
}

// wrappedProvider is shared by every user of the same configuration.
type wrappedProvider struct {
	Provider
	refCount int
	key      string
	store    *store
}

// Close releases one reference; the last one closes the real provider.
func (wp *wrappedProvider) Close() {
	ps := wp.store
	ps.mu.Lock()
	defer ps.mu.Unlock()
	wp.refCount--
	if wp.refCount == 0 {
		wp.Provider.Close()
		delete(ps.providers, wp.key)
	}
}

// singleCloseWrappedProvider makes Close idempotent for one user.
type singleCloseWrappedProvider struct {
	provider atomic.Pointer[Provider]
}

func newSingleCloseWrappedProvider(p Provider) *singleCloseWrappedProvider {
	w := &singleCloseWrappedProvider{}
	w.provider.Store(&p)
	return w
}

// Close releases this user's reference once.
func (w *singleCloseWrappedProvider) Close() {
	newProvider := Provider(closedProvider{})
	oldProvider := w.provider.Swap(&newProvider)
	(*oldProvider).Close()
}

// KeyMaterial is the read side; callers use the result read-only.
func (w *singleCloseWrappedProvider) KeyMaterial() ([]byte, error) {
	return (*w.provider.Load()).KeyMaterial()
}
