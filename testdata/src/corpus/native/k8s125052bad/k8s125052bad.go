// Case: a feature gate's Set copies the map it loads through a getter, adds one key and stores it, with no lock: of two parallel Sets one wins and one is lost
// Source: kubernetes/kubernetes PR #125052 https://github.com/kubernetes/kubernetes/pull/125052, the first revision of staging/src/k8s.io/client-go/features/envvar.go Set as quoted in the review (deads2k: "two parallel .Set calls will result in one winner and one loser"); that revision was never merged, so this is reduced from the quoted diff
// Kind: bad
// Pair: k8s125052fixed

package k8s125052bad

import (
	"fmt"
	"sync/atomic"
)

// Feature names a gate.
type Feature string

// FeatureSpec is a gate's default.
type FeatureSpec struct {
	Default       bool
	LockToDefault bool
}

type envVarFeatureGates struct {
	known map[Feature]FeatureSpec

	// enabledViaSetMethod holds a map[Feature]bool of values set with Set.
	enabledViaSetMethod atomic.Value
}

func newEnvVarFeatureGates(known map[Feature]FeatureSpec) *envVarFeatureGates {
	f := &envVarFeatureGates{known: known}
	f.enabledViaSetMethod.Store(map[Feature]bool{})
	return f
}

func (f *envVarFeatureGates) getEnabledMapFromSetMethod() map[Feature]bool {
	return f.enabledViaSetMethod.Load().(map[Feature]bool)
}

// Set sets one gate.
func (f *envVarFeatureGates) Set(featureName Feature, featureValue bool) error {
	spec, ok := f.known[featureName]
	if !ok {
		return fmt.Errorf("feature %q is not registered", featureName)
	}
	if spec.LockToDefault && spec.Default != featureValue {
		return fmt.Errorf("feature %q is locked to %v", featureName, spec.Default)
	}
	newMap := map[Feature]bool{}
	for k, v := range f.getEnabledMapFromSetMethod() {
		if k == featureName {
			continue
		}
		newMap[k] = v
	}
	newMap[featureName] = featureValue
	f.enabledViaSetMethod.Store(newMap) // expect RCU7001
	return nil
}

// Enabled is the read side, called from any goroutine.
func (f *envVarFeatureGates) Enabled(key Feature) bool {
	if v, ok := f.getEnabledMapFromSetMethod()[key]; ok {
		return v
	}
	return f.known[key].Default
}
