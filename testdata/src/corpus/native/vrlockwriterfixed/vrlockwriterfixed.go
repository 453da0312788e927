// Case: writers do load-copy-store under the write lock of the RWMutex
// Source: idiom: go.etcd.io/etcd/pkg/v3@v3.7.3 featuregate/feature_gate.go SetFromMap (f.lock.Lock around maps.Copy of the loaded map, then Store)
// Kind: fixed
// Pair: vrlockwriterbad

package vrlockwriterfixed

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
	f.lock.Lock()
	defer f.lock.Unlock()
	enabled := maps.Clone(f.enabled.Load().(map[Feature]bool))
	for k, v := range m {
		enabled[k] = v
	}
	f.enabled.Store(enabled)
}

// Enabled reports whether key is on.
func (f *featureGate) Enabled(key Feature) bool {
	return f.enabled.Load().(map[Feature]bool)[key]
}
