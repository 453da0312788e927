// Case: the merged feature gate keeps Set values in a plain map under a RWMutex; the env-var map is an atomic.Value stored once under sync.Once
// Source: kubernetes/kubernetes PR #125052 https://github.com/kubernetes/kubernetes/pull/125052, as merged; read in k8s.io/client-go@v0.31.0 features/envvar.go Set, wasFeatureEnabledViaSetMethod and getEnabledMapFromEnvVar
// Kind: fixed
// Pair: k8s125052bad

package k8s125052fixed

import (
	"fmt"
	"os"
	"strconv"
	"sync"
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

	readEnvVarsOnce  sync.Once
	enabledViaEnvVar atomic.Value // map[Feature]bool, stored once

	lockEnabledViaSetMethod sync.RWMutex
	enabledViaSetMethod     map[Feature]bool
}

func newEnvVarFeatureGates(known map[Feature]FeatureSpec) *envVarFeatureGates {
	f := &envVarFeatureGates{known: known, enabledViaSetMethod: map[Feature]bool{}}
	f.enabledViaEnvVar.Store(map[Feature]bool{})
	return f
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
	f.lockEnabledViaSetMethod.Lock()
	defer f.lockEnabledViaSetMethod.Unlock()
	f.enabledViaSetMethod[featureName] = featureValue
	return nil
}

func (f *envVarFeatureGates) wasEnabledViaSetMethod(key Feature) (bool, bool) {
	f.lockEnabledViaSetMethod.RLock()
	defer f.lockEnabledViaSetMethod.RUnlock()
	v, ok := f.enabledViaSetMethod[key]
	return v, ok
}

func (f *envVarFeatureGates) getEnabledMapFromEnvVar() map[Feature]bool {
	f.readEnvVarsOnce.Do(func() {
		state := map[Feature]bool{}
		for feature := range f.known {
			if s, set := os.LookupEnv("KUBE_FEATURE_" + string(feature)); set {
				if b, err := strconv.ParseBool(s); err == nil {
					state[feature] = b
				}
			}
		}
		f.enabledViaEnvVar.Store(state)
	})
	return f.enabledViaEnvVar.Load().(map[Feature]bool)
}

// Enabled is the read side, called from any goroutine.
func (f *envVarFeatureGates) Enabled(key Feature) bool {
	if v, ok := f.wasEnabledViaSetMethod(key); ok {
		return v
	}
	if v, ok := f.getEnabledMapFromEnvVar()[key]; ok {
		return v
	}
	return f.known[key].Default
}
