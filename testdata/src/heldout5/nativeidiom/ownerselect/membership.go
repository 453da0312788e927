// Case: ownerselect
// Source: idiom: one goroutine owns every update of the slot (select over join and leave channels), so load-copy-store needs no lock (Go "share memory by communicating")
// Kind: idiom
package ownerselect

import (
	"slices"
	"sync/atomic"
)

type Member struct {
	ID   string
	Addr string
}

type Cluster struct {
	members atomic.Pointer[[]Member]
	join    chan Member
	leave   chan string
}

func NewCluster() *Cluster {
	c := &Cluster{join: make(chan Member), leave: make(chan string)}
	c.members.Store(&[]Member{})
	go c.run()
	return c
}

func (c *Cluster) Members() []Member { return *c.members.Load() }
func (c *Cluster) Join(m Member)     { c.join <- m }
func (c *Cluster) Leave(id string)   { c.leave <- id }

// run is the only writer of c.members.
func (c *Cluster) run() {
	for {
		select {
		case m := <-c.join:
			next := append(slices.Clone(*c.members.Load()), m)
			c.members.Store(&next)
		case id := <-c.leave:
			next := slices.DeleteFunc(slices.Clone(*c.members.Load()), func(m Member) bool { return m.ID == id })
			c.members.Store(&next)
		}
	}
}
