// Case: the fields are read with Dereference inside a section; Access is kept for the nil test only
// Source: Linux commit ca5ecddfa8fc "rcu: define __rcu address space modifier for sparse" (http://git.toradex.com/cgit/linux-toradex.git/patch/?id=ca5ecddfa8fcbd948c95530e7e817cee9fb43a3d)
// Kind: fixed
// Pair: tracingaccessderef

package tracingaccessdereffix

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

// Sampled decides whether the current request is traced.
func Sampled() bool {
	if trace.Access() == nil {
		return false // cheap test, no section needed
	}
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	cfg := trace.Dereference(s)
	return cfg != nil && rand.Float64() < cfg.SampleRate
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
