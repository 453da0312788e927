// Case: a map read from the environment is computed and stored once under sync.Once; every reader goes through the Once before loading
// Source: idiom: k8s.io/client-go@v0.37.2 features/envvar.go envVarFeatureGates.getEnabledMapFromEnvVar (readEnvVarsOnce.Do, enabledViaEnvVar.Store) and hasAlreadyReadEnvVar
// Kind: idiom
// Pair: none

package ienvonce

import (
	"os"
	"strconv"
	"sync"
	"sync/atomic"
)

// Feature names a gate.
type Feature string

type envVarFeatureGates struct {
	known            map[Feature]bool
	readEnvVarsOnce  sync.Once
	enabledViaEnvVar atomic.Value // map[Feature]bool
	readEnvVars      atomic.Bool
}

func (f *envVarFeatureGates) getEnabledMapFromEnvVar() map[Feature]bool {
	f.readEnvVarsOnce.Do(func() {
		state := map[Feature]bool{}
		for feature := range f.known {
			if s, ok := os.LookupEnv("KUBE_FEATURE_" + string(feature)); ok {
				if b, err := strconv.ParseBool(s); err == nil {
					state[feature] = b
				}
			}
		}
		f.enabledViaEnvVar.Store(state)
		f.readEnvVars.Store(true)
	})
	return f.enabledViaEnvVar.Load().(map[Feature]bool)
}

// Enabled is the read side.
func (f *envVarFeatureGates) Enabled(key Feature) bool {
	if v, ok := f.getEnabledMapFromEnvVar()[key]; ok {
		return v
	}
	return f.known[key]
}
