// Case: telemetry resource provider clones the attribute map of its struct copy before adding to it
// Source: TiDB issue #23748 and moby/libnetwork PR #1605 (a config or map shared with readers mutated in place instead of copied); Documentation/RCU/checklist.rst item 3
// Kind: fixed
// Pair: native/shallowlabels

package shallowlabelsfix

import (
	"maps"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Resource describes the process; exporters attach it to every span batch.
type Resource struct {
	Service string
	Version string
	Attrs   map[string]string
}

type Provider struct {
	mu  sync.Mutex
	res atomic.Pointer[Resource]
}

func NewProvider(service, version string) *Provider {
	p := &Provider{}
	p.res.Store(&Resource{Service: service, Version: version, Attrs: map[string]string{}})
	return p
}

// WithAttr is called by plugins at start-up and by the k8s metadata watcher.
func (p *Provider) WithAttr(key, value string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := *p.res.Load()
	next.Attrs = maps.Clone(next.Attrs)
	next.Attrs[key] = value
	p.res.Store(&next)
}

// Header renders the resource for an export batch; runs concurrently with WithAttr.
func (p *Provider) Header() string {
	r := p.res.Load()
	keys := make([]string, 0, len(r.Attrs))
	for k := range r.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(r.Service + "@" + r.Version)
	for _, k := range keys {
		b.WriteString(" " + k + "=" + r.Attrs[k])
	}
	return b.String()
}
