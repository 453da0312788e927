// Case: tracing package stores a default sampler in init, so every Load finds a Sampler
// Source: go-ethereum PR #19352 and tailscale PR #11943 (atomic.Value loaded before the first Store, a nil interface type-asserted: panic); opencensus-go trace config
// Kind: fixed
// Pair: native/loadbeforestore

package loadbeforestorefix

import (
	"math/rand/v2"
	"sync/atomic"
)

type Sampler struct {
	Fraction float64
}

var sampler atomic.Value // Sampler

func init() {
	sampler.Store(Sampler{Fraction: 1e-4})
}

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
	cfg := sampler.Load().(Sampler)
	return &Span{Name: name, Sampled: rand.Float64() < cfg.Fraction}
}
