// Case: ApplyConfig sets a field of the config it loaded, so every span already reading that config sees the write
// Source: census-instrumentation/opencensus-go PR #763 https://github.com/census-instrumentation/opencensus-go/pull/763, code at its parent a6584076435b (v0.10.0 plus 7 commits), trace/config.go ApplyConfig; the writer mutex that PR #840 added later is already here, so this case holds only the in-place write
// Kind: bad
// Pair: oc763fixed

package oc763bad

import (
	"sync"
	"sync/atomic"
)

// Sampler decides whether a new trace is recorded.
type Sampler func(traceID [16]byte) bool

// Config is the process-wide tracing configuration.
type Config struct {
	DefaultSampler Sampler
	MaxAttributes  int
}

var (
	config        atomic.Value // *Config, read on every span start
	configWriteMu sync.Mutex
)

func init() {
	config.Store(&Config{DefaultSampler: func([16]byte) bool { return false }, MaxAttributes: 32})
}

// ApplyConfig changes the global configuration; zero fields keep their current value.
func ApplyConfig(cfg Config) {
	configWriteMu.Lock()
	defer configWriteMu.Unlock()
	c := config.Load().(*Config)
	if cfg.DefaultSampler != nil {
		c.DefaultSampler = cfg.DefaultSampler // expect RCU7002
	}
	config.Store(c)
}

// startSpan is the read side: it runs concurrently with ApplyConfig.
func startSpan(traceID [16]byte) bool {
	c := config.Load().(*Config)
	return c.DefaultSampler(traceID)
}
