// Case: routeclone
// Source: idiom: copy, update the copy, publish (Documentation/RCU/whatisRCU.rst); generated DeepCopy methods in kubernetes API types
// Kind: idiom
package routeclone

import (
	"slices"
	"sync"
	"sync/atomic"
)

type Upstream struct {
	Name    string
	Weights []int
	Headers map[string]string
}

type RouteTable struct {
	Hosts map[string]*Upstream
}

// clone copies every level that a writer may change.
func (t *RouteTable) clone() *RouteTable {
	out := &RouteTable{Hosts: make(map[string]*Upstream, len(t.Hosts))}
	for h, u := range t.Hosts {
		cu := &Upstream{Name: u.Name, Weights: slices.Clone(u.Weights), Headers: make(map[string]string, len(u.Headers))}
		for k, v := range u.Headers {
			cu.Headers[k] = v
		}
		out.Hosts[h] = cu
	}
	return out
}

type Proxy struct {
	mu     sync.Mutex
	routes atomic.Pointer[RouteTable]
}

func (p *Proxy) Route(host string) *Upstream { return p.routes.Load().Hosts[host] }

// SetHeader adds a request header for one host's upstream.
func (p *Proxy) SetHeader(host, key, value string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := p.routes.Load().clone()
	u, ok := next.Hosts[host]
	if !ok {
		return
	}
	u.Headers[key] = value
	u.Weights = append(u.Weights, 0)
	p.routes.Store(next)
}
