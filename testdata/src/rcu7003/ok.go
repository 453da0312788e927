package rcu7003

import "fixtures/rcu7003/store"

// okFinishThenStore fills the value in, then publishes it.
func okFinishThenStore(protos []string) {
	cfg := &tlsConfig{certs: map[string][]byte{}}
	cfg.nextProtos = append(cfg.nextProtos, protos...)
	applyDefaults(cfg)
	current.Store(cfg)
}

// okNewCopyEachTime builds a new value in each iteration.
func okNewCopyEachTime(versions []int) {
	for _, v := range versions {
		c := &tlsConfig{}
		c.minVersion = v
		current.Store(c)
	}
}

// okCopyAfter changes a copy of what it published.
func okCopyAfter(cfg *tlsConfig) {
	current.Store(cfg)
	next := *cfg
	next.minVersion = 13
	current.Store(&next)
}

// okPublishesACopy: SetEndpointsCopy keeps its own copy.
func okPublishesACopy(c *store.Client, members []string) {
	c.SetEndpointsCopy(members...)
	members[0] = "changed"
}
