// Case: commaokload
// Source: idiom: an atomic.Value that may be loaded before its first Store, read with a comma-ok assertion and a default (go-ethereum PR #19352 fix shape)
// Kind: idiom
package commaokload

import (
	"math/rand/v2"
	"sync/atomic"
)

type Sampler struct {
	Rate float64
}

var sampler atomic.Value // *Sampler, set by SetSampler

var defaultSampler = &Sampler{Rate: 0.01}

func SetSampler(s *Sampler) {
	if s == nil {
		s = defaultSampler
	}
	sampler.Store(s)
}

// Sampled decides whether a new trace is recorded; it may run before SetSampler.
func Sampled() bool {
	s, ok := sampler.Load().(*Sampler)
	if !ok {
		s = defaultSampler
	}
	return rand.Float64() < s.Rate
}
