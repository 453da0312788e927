// Case: copy-on-write of two maps under one writer mutex; a helper writes the fresh copies; readers load without locking; GetAll hands out a copy
// Source: idiom: go.etcd.io/etcd/pkg/v3@v3.7.3 featuregate/feature_gate.go featureGate.SetFromMap, setUnsetAlphaGates, GetAll, Enabled
// Kind: idiom
// Pair: none

package ifeaturegate

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
)

// Feature names a gate.
type Feature string

// FeatureSpec describes a gate.
type FeatureSpec struct {
	Default       bool
	LockToDefault bool
	PreRelease    string
}

type featureGate struct {
	lock    sync.Mutex   // guards writes to known and enabled
	known   atomic.Value // map[Feature]FeatureSpec
	enabled atomic.Value // map[Feature]bool
}

func newFeatureGate(defaults map[Feature]FeatureSpec) *featureGate {
	f := &featureGate{}
	f.known.Store(maps.Clone(defaults))
	f.enabled.Store(map[Feature]bool{})
	return f
}

// setUnsetAlphaGates turns every alpha gate not set explicitly to val.
func setUnsetAlphaGates(known map[Feature]FeatureSpec, enabled map[Feature]bool, val bool) {
	for k, v := range known {
		if v.PreRelease == "ALPHA" {
			if _, found := enabled[k]; !found {
				enabled[k] = val
			}
		}
	}
}

// SetFromMap applies the gate values in m.
func (f *featureGate) SetFromMap(m map[string]bool) error {
	f.lock.Lock()
	defer f.lock.Unlock()
	known := map[Feature]FeatureSpec{}
	maps.Copy(known, f.known.Load().(map[Feature]FeatureSpec))
	enabled := map[Feature]bool{}
	maps.Copy(enabled, f.enabled.Load().(map[Feature]bool))
	for k, v := range m {
		if k == "AllAlpha" {
			setUnsetAlphaGates(known, enabled, v)
			continue
		}
		spec, ok := known[Feature(k)]
		if !ok {
			return fmt.Errorf("unrecognized feature gate: %s", k)
		}
		if spec.LockToDefault && spec.Default != v {
			return fmt.Errorf("cannot set feature gate %v to %v", k, v)
		}
		enabled[Feature(k)] = v
	}
	f.known.Store(known)
	f.enabled.Store(enabled)
	return nil
}

// GetAll gives the caller its own map of the known specs.
func (f *featureGate) GetAll() map[Feature]FeatureSpec {
	retval := map[Feature]FeatureSpec{}
	maps.Copy(retval, f.known.Load().(map[Feature]FeatureSpec))
	return retval
}

// Enabled is the read side.
func (f *featureGate) Enabled(key Feature) bool {
	if v, ok := f.enabled.Load().(map[Feature]bool)[key]; ok {
		return v
	}
	return f.known.Load().(map[Feature]FeatureSpec)[key].Default
}
