// Case: register and unregister both rebuild the span-processor map from a Load, but under two different mutexes
// Source: open-telemetry/opentelemetry-go PR #1079 https://github.com/open-telemetry/opentelemetry-go/pull/1079, code at its parent 21726e26d12f, sdk/trace/provider.go RegisterSpanProcessor (holds p.mu) and UnregisterSpanProcessor (held the package-level mu)
// Kind: bad
// Pair: otel1079fixed

package otel1079bad

import (
	"sync"
	"sync/atomic"
)

// SpanProcessor is told about every finished span.
type SpanProcessor interface {
	OnEnd(name string)
	Shutdown()
}

type spanProcessorMap map[SpanProcessor]*sync.Once

// mu was left over from package-level Register/Unregister functions.
var mu sync.Mutex

// Provider hands out tracers that share its processors.
type Provider struct {
	mu             sync.Mutex
	spanProcessors atomic.Value // spanProcessorMap
}

// NewProvider returns a provider with no processors.
func NewProvider() *Provider {
	p := &Provider{}
	p.spanProcessors.Store(make(spanProcessorMap))
	return p
}

// RegisterSpanProcessor adds s.
func (p *Provider) RegisterSpanProcessor(s SpanProcessor) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := make(spanProcessorMap)
	if old, ok := p.spanProcessors.Load().(spanProcessorMap); ok {
		for k, v := range old {
			next[k] = v
		}
	}
	next[s] = &sync.Once{}
	p.spanProcessors.Store(next)
}

// UnregisterSpanProcessor removes s and shuts it down once.
func (p *Provider) UnregisterSpanProcessor(s SpanProcessor) {
	mu.Lock()
	defer mu.Unlock()
	next := make(spanProcessorMap)
	old, ok := p.spanProcessors.Load().(spanProcessorMap)
	if !ok {
		return
	}
	for k, v := range old {
		if k != s {
			next[k] = v
		}
	}
	p.spanProcessors.Store(next) // expect RCU7001
	if once, ok := old[s]; ok {
		once.Do(s.Shutdown)
	}
}

// endSpan is the read side.
func (p *Provider) endSpan(name string) {
	for sp := range p.spanProcessors.Load().(spanProcessorMap) {
		sp.OnEnd(name)
	}
}
