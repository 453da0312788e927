// Package rcu7003 holds the fixtures of RCU7003: a write into a value
// after it was stored in a slot. ok.go holds the correct idioms.
package rcu7003

import (
	"crypto/rand"
	"sync/atomic"

	"fixtures/rcu7003/store"
)

type tlsConfig struct {
	nextProtos []string
	certs      map[string][]byte
	minVersion int
}

var current atomic.Pointer[tlsConfig]

func serve(cfg *tlsConfig) {
	current.Store(cfg)
	cfg.nextProtos = append(cfg.nextProtos, "h2") // want `RCU7003: this assigns to field nextProtos of a value Store published at rcu7003\.go:\d+`
}

func addCert(name string, der []byte) {
	cfg := &tlsConfig{certs: map[string][]byte{}}
	current.Store(cfg)
	cfg.certs[name] = der // want `RCU7003: this inserts into a map of a value Store published at rcu7003\.go:\d+`
}

func storeTwice() {
	c := *current.Load()
	c.minVersion = 12
	current.Store(&c)
	c.minVersion = 13 // want `RCU7003: this assigns to field minVersion of a value Store published at rcu7003\.go:\d+`
	current.Store(&c)
}

func applyDefaults(c *tlsConfig) {
	if c.minVersion == 0 {
		c.minVersion = 12
	}
}

func publishThenDefault(c *tlsConfig) {
	current.Swap(c)
	applyDefaults(c) // want `RCU7003: this hands a value Swap published at rcu7003\.go:\d+ to applyDefaults, which writes into it`
}

func failover(c *store.Client, members []string) {
	c.SetEndpoints(members...)
	if len(members) > 1 {
		members[0], members[1] = members[1], members[0] // want `RCU7003: this assigns to an element of a value that SetEndpoints published at rcu7003\.go:\d+`
	}
}

// A method of the package that fills the value in, called after the
// Store, writes into the published value: the type has no mutex of its
// own, so it is data, not a handle.
type listener struct {
	addr    string
	backlog int
}

func (l *listener) applyDefaults() {
	if l.backlog == 0 {
		l.backlog = 128
	}
}

var active atomic.Pointer[listener]

func listen(addr string) {
	l := &listener{addr: addr}
	active.Store(l)
	l.applyDefaults() // want `RCU7003: this hands a value Store published at rcu7003\.go:\d+ to applyDefaults, which writes into it`
}

// Overwriting the whole published value is a write into it too.
type progress struct {
	done    int
	current string
}

var status atomic.Pointer[progress]

func run(files []string) {
	p := &progress{}
	status.Store(p)
	for i, f := range files {
		*p = progress{done: i, current: f} // want `RCU7003: this overwrites a value Store published at rcu7003\.go:\d+`
	}
}

// A key filled in after the keyring is published, inline or by a
// goroutine started after the Store.
type keyring struct{ keys [][32]byte }

var ring atomic.Pointer[keyring]

func currentRing() *keyring { return ring.Load() }

func rotateInline() {
	next := &keyring{keys: make([][32]byte, 1)}
	ring.Store(next)
	rand.Read(next.keys[0][:]) // want `RCU7003: this reads data into a slice of a value Store published at rcu7003\.go:\d+`
}

func rotateInBackground() {
	next := &keyring{keys: make([][32]byte, 1)}
	ring.Store(next)
	go func() {
		rand.Read(next.keys[0][:]) // want `RCU7003: this reads data into a slice of a value Store published at rcu7003\.go:\d+, in a function started after it`
	}()
}

func okRotateFilledFirst() {
	next := &keyring{keys: make([][32]byte, 1)}
	rand.Read(next.keys[0][:])
	ring.Store(next)
}
