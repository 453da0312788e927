// Case: a lookup returns the cached (shared) address list and the caller sorts it in place
// Source: idiom: Go standard library net/lookup.go lookupIPReturn (go1.26), which clones singleflight results before returning them because callers sort the result; here the cache is an atomic.Pointer and nobody clones
// Kind: bad
// Pair: vsortstringsfixed

package vsortstringsbad

import (
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
	addrs := r.lookup(host)
	sort.Strings(addrs) // expect RCU7002
	return addrs
}
