// Case: SetEndpoints copies the caller's slice before publishing it, so the caller may keep changing its own
// Source: idiom: go.etcd.io/etcd/client/v3@v3.7.3 client.go SetEndpoints, with the copy-in that Endpoints already does on the way out
// Kind: fixed
// Pair: vsetendpointsbad

package vsetendpointsfixed

import "fixtures/corpus/native/vsetendpointsfixed/client"

// failover points the client at the members and then moves the primary to the back.
func failover(c *client.Client, members []string) {
	c.SetEndpoints(members...)
	if len(members) > 1 {
		members[0], members[len(members)-1] = members[len(members)-1], members[0]
	}
}
