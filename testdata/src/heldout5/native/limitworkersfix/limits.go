// Case: limitworkersfix
// Source: opencensus-go PR #840 (Load, copy, Store with no writer lock lost concurrent updates) and kubernetes PR #125052 ("two parallel .Set calls will result in one winner and one loser"); Documentation/RCU/checklist.rst item 1
// Kind: fixed
// Pair: native/limitworkers
package limitworkersfix

import (
	"maps"
	"sync/atomic"
)

type Change struct {
	Route string
	RPS   int
}

type Limits struct {
	rps map[string]int
}

type Gateway struct {
	limits atomic.Pointer[Limits]
}

func NewGateway() *Gateway {
	g := &Gateway{}
	g.limits.Store(&Limits{rps: map[string]int{}})
	return g
}

func (g *Gateway) RPS(route string) int { return g.limits.Load().rps[route] }

// Watch applies the changes streamed by the control plane.
func (g *Gateway) Watch(changes <-chan Change) {
	apply := func() {
		for c := range changes {
			cur := g.limits.Load()
			next := &Limits{rps: maps.Clone(cur.rps)}
			next.rps[c.Route] = c.RPS
			g.limits.Store(next)
		}
	}
	// One goroutine owns every update: no other writer touches the slot.
	go apply()
}
