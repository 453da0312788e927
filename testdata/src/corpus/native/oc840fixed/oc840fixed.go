// Case: ApplyConfig does its load-copy-store under a writer mutex
// Source: census-instrumentation/opencensus-go PR #840 https://github.com/census-instrumentation/opencensus-go/pull/840, code at the fix 6892f2d0b466, trace/config.go ApplyConfig and configWriteMu
// Kind: fixed
// Pair: oc840bad

package oc840fixed

import (
	"sync"
	"sync/atomic"
)

// Sampler decides whether a new trace is recorded.
type Sampler func(traceID [16]byte) bool

// IDGenerator makes span ids.
type IDGenerator interface {
	NewSpanID() [8]byte
}

// Config is the process-wide tracing configuration.
type Config struct {
	DefaultSampler Sampler
	IDGenerator    IDGenerator
}

var (
	config        atomic.Value // *Config
	configWriteMu sync.Mutex
)

func init() {
	config.Store(&Config{DefaultSampler: func([16]byte) bool { return true }})
}

// ApplyConfig changes the global configuration; nil fields keep their current value.
func ApplyConfig(cfg Config) {
	configWriteMu.Lock()
	defer configWriteMu.Unlock()
	c := *config.Load().(*Config)
	if cfg.DefaultSampler != nil {
		c.DefaultSampler = cfg.DefaultSampler
	}
	if cfg.IDGenerator != nil {
		c.IDGenerator = cfg.IDGenerator
	}
	config.Store(&c)
}

func currentSampler() Sampler {
	return config.Load().(*Config).DefaultSampler
}
