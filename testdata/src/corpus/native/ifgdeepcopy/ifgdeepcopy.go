// Case: DeepCopy loads the maps of one gate and stores copies into the slots of a new, unpublished gate: a Store derived from a Load, but of another receiver
// Source: idiom: go.etcd.io/etcd/pkg/v3@v3.7.3 featuregate/feature_gate.go featureGate.DeepCopy (and New, which stores into the slots of the gate it is constructing)
// Kind: idiom
// Pair: none

package ifgdeepcopy

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Feature names a gate.
type Feature string

type featureGate struct {
	lock    sync.Mutex
	known   atomic.Value // map[Feature]bool (defaults)
	enabled atomic.Value // map[Feature]bool
	closed  bool
}

// New returns a gate with the given defaults.
func New(defaults map[Feature]bool) *featureGate {
	f := &featureGate{}
	f.known.Store(maps.Clone(defaults))
	f.enabled.Store(map[Feature]bool{})
	return f
}

// DeepCopy returns a gate that can be set without changing f.
func (f *featureGate) DeepCopy() *featureGate {
	known := map[Feature]bool{}
	maps.Copy(known, f.known.Load().(map[Feature]bool))
	enabled := map[Feature]bool{}
	maps.Copy(enabled, f.enabled.Load().(map[Feature]bool))
	fg := &featureGate{closed: f.closed}
	fg.known.Store(known)
	fg.enabled.Store(enabled)
	return fg
}

// Enabled is the read side.
func (f *featureGate) Enabled(key Feature) bool {
	if v, ok := f.enabled.Load().(map[Feature]bool)[key]; ok {
		return v
	}
	return f.known.Load().(map[Feature]bool)[key]
}
