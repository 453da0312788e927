// Case: a fast path uses rcu_access_pointer() to test the tracing config and then reads its fields without a section
// Source: Linux commit ca5ecddfa8fc "rcu: define __rcu address space modifier for sparse" (rcu_access_pointer() is for when the pointer is not dereferenced; http://git.toradex.com/cgit/linux-toradex.git/patch/?id=ca5ecddfa8fcbd948c95530e7e817cee9fb43a3d)
// Kind: bad
// Pair: tracingaccessdereffix

package tracingaccessderef

import (
	"math/rand/v2"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// TraceConfig selects which requests are traced; nil means tracing is off.
type TraceConfig struct {
	SampleRate float64
	Endpoint   string
}

var (
	mu    sync.Mutex
	trace rcuapi.Pointer[TraceConfig]
)

// Sampled decides whether the current request is traced. The nil test is
// fine without a section; reading SampleRate is not.
func Sampled() bool {
	cfg := trace.Access()
	if cfg == nil {
		return false
	}
	return rand.Float64() < cfg.SampleRate // expect RCU1007
}

// Enabled reports whether tracing is on: a comparison only.
func Enabled() bool {
	return trace.Access() != nil
}

// Configure turns tracing on (cfg != nil) or off.
func Configure(cfg *TraceConfig) {
	mu.Lock()
	defer mu.Unlock()
	trace.Assign(cfg)
}
