// Case: ApplyConfig copies the loaded config, changes the copy and stores the copy
// Source: census-instrumentation/opencensus-go PR #763 https://github.com/census-instrumentation/opencensus-go/pull/763, code at the fix c3ed530f775d, trace/config.go ApplyConfig (with the writer mutex of PR #840)
// Kind: fixed
// Pair: oc763bad

package oc763fixed

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
	c := *config.Load().(*Config)
	if cfg.DefaultSampler != nil {
		c.DefaultSampler = cfg.DefaultSampler
	}
	config.Store(&c)
}

// startSpan is the read side: it runs concurrently with ApplyConfig.
func startSpan(traceID [16]byte) bool {
	c := config.Load().(*Config)
	return c.DefaultSampler(traceID)
}
