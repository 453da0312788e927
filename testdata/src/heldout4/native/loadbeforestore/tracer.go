// Case: tracing package keeps its sampler in a package-level atomic.Value that only SetSampler fills, and the span constructor type-asserts the Load, which is nil until some caller configured a sampler
// Source: go-ethereum PR #19352 and tailscale PR #11943 (atomic.Value loaded before the first Store, a nil interface type-asserted: panic); opencensus-go trace config
// Kind: bad
// Pair: native/loadbeforestorefix

package loadbeforestore

import (
	"math/rand/v2"
	"sync/atomic"
)

type Sampler struct {
	Fraction float64
}

var sampler atomic.Value // Sampler

// SetSampler is called from main after flags are parsed.
func SetSampler(s Sampler) {
	sampler.Store(s)
}

type Span struct {
	Name    string
	Sampled bool
}

// StartSpan may run from package init functions and tests before main.
func StartSpan(name string) *Span {
	cfg := sampler.Load().(Sampler) // expect RCU7005
	return &Span{Name: name, Sampled: rand.Float64() < cfg.Fraction}
}
