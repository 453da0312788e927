// Case: ApplyConfig loads, copies and stores the global config with no writer lock, so one of two concurrent calls is lost
// Source: census-instrumentation/opencensus-go PR #840 https://github.com/census-instrumentation/opencensus-go/pull/840, code at its parent 2e6ddffdf936 (v0.14.0 plus 14 commits), trace/config.go ApplyConfig
// Kind: bad
// Pair: oc840fixed

package oc840bad

import "sync/atomic"

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

var config atomic.Value // *Config

func init() {
	config.Store(&Config{DefaultSampler: func([16]byte) bool { return true }})
}

// ApplyConfig changes the global configuration; nil fields keep their current value.
// Two goroutines, one setting the sampler and one the generator, can both start
// from the same old config; the second Store drops the first one's change.
func ApplyConfig(cfg Config) {
	c := *config.Load().(*Config)
	if cfg.DefaultSampler != nil {
		c.DefaultSampler = cfg.DefaultSampler
	}
	if cfg.IDGenerator != nil {
		c.IDGenerator = cfg.IDGenerator
	}
	config.Store(&c) // expect RCU7001
}

func currentSampler() Sampler {
	return config.Load().(*Config).DefaultSampler
}
