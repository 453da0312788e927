// Case: the caller sorts a clone of the cached address list
// Source: idiom: Go standard library net/lookup.go lookupIPReturn (go1.26: clone when shared, then the caller may sort)
// Kind: fixed
// Pair: vsortstringsbad

package vsortstringsfixed

import (
	"slices"
	"sort"
	"sync/atomic"
)

type hostCache struct {
	addrs map[string][]string
}

type resolver struct {
	cache atomic.Pointer[hostCache] // replaced wholesale by the refresher
}

// lookup returns the cached addresses of host.
func (r *resolver) lookup(host string) []string {
	return r.cache.Load().addrs[host]
}

// dialOrder is called for every new connection.
func (r *resolver) dialOrder(host string) []string {
	addrs := slices.Clone(r.lookup(host))
	sort.Strings(addrs)
	return addrs
}
