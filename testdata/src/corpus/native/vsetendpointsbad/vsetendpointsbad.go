// Case: the caller hands its slice to SetEndpoints, which publishes it as is, and then rewrites an element of that slice
// Source: idiom: go.etcd.io/etcd/client/v3@v3.7.3 client.go SetEndpoints (c.endpoints = eps; c.resolver.SetEndpoints(eps), no copy) called with a spread slice; the resolver's list is an atomic.Pointer here
// Kind: bad
// Pair: vsetendpointsfixed

package vsetendpointsbad

import "fixtures/corpus/native/vsetendpointsbad/client"

// failover points the client at the members and then moves the primary to the back.
func failover(c *client.Client, members []string) {
	c.SetEndpoints(members...)
	if len(members) > 1 {
		members[0], members[len(members)-1] = members[len(members)-1], members[0] // expect RCU7003
	}
}
