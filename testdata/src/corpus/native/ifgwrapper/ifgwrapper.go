// Case: an atomic.Value of an interface type is always stored as one wrapper struct type, so any implementation can be swapped in
// Source: idiom: k8s.io/client-go@v0.37.2 features/features.go featureGatesWrapper, ReplaceFeatureGates, FeatureGates and init
// Kind: idiom
// Pair: none

package ifgwrapper

import "sync/atomic"

// Feature names a gate.
type Feature string

// Gates reports whether a feature is on.
type Gates interface {
	Enabled(key Feature) bool
}

type envVarGates map[Feature]bool

func (g envVarGates) Enabled(key Feature) bool { return g[key] }

// featureGatesWrapper satisfies atomic.Value: all Stores use this one concrete type.
type featureGatesWrapper struct {
	Gates
}

var featureGates = &atomic.Value{}

func init() {
	featureGates.Store(&featureGatesWrapper{envVarGates{}})
}

// FeatureGates returns the current gates.
func FeatureGates() Gates {
	return featureGates.Load().(*featureGatesWrapper).Gates
}

// ReplaceFeatureGates installs newGates, whatever its concrete type.
func ReplaceFeatureGates(newGates Gates) {
	featureGates.Store(&featureGatesWrapper{newGates})
}
