// Case: writers do load-copy-store holding only the read side of a RWMutex, so two writers still run together
// Source: idiom: go.etcd.io/etcd/pkg/v3@v3.7.3 featuregate/feature_gate.go SetFromMap (copy-on-write of the enabled map under f.lock), varied so the writer takes RLock, as code that mixes it up with the RWMutex of k8s.io/client-go@v0.37.2 features/envvar.go would
// Kind: bad
// Pair: vrlockwriterfixed

package vrlockwriterbad

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Feature names a gate.
type Feature string

type featureGate struct {
	lock    sync.RWMutex
	enabled atomic.Value // map[Feature]bool
}

func newFeatureGate() *featureGate {
	f := &featureGate{}
	f.enabled.Store(map[Feature]bool{})
	return f
}

// SetFromMap sets several gates.
func (f *featureGate) SetFromMap(m map[Feature]bool) {
	f.lock.RLock()
	defer f.lock.RUnlock()
	enabled := maps.Clone(f.enabled.Load().(map[Feature]bool))
	for k, v := range m {
		enabled[k] = v
	}
	f.enabled.Store(enabled) // expect RCU7001
}

// Enabled reports whether key is on.
func (f *featureGate) Enabled(key Feature) bool {
	return f.enabled.Load().(map[Feature]bool)[key]
}
