// Case: pricing service keeps plans in a generic copy-on-write map from its own sub-package, instantiated with a value type, and returns plan copies to handlers
// Source: idiom: generic RCU containers in Go (type parameters over a copy-on-write snapshot) instantiated with value types, so a Get is a copy
// Kind: idiom

package genericsnapshot

import (
	"time"

	"fixtures/heldout2/idiom/genericsnapshot/snapshot"
)

type Plan struct {
	Name        string
	MonthlyCost int64
	Seats       int
	TrialPeriod time.Duration
}

type Pricing struct {
	plans *snapshot.Map[string, Plan]
}

func NewPricing() *Pricing {
	return &Pricing{plans: snapshot.New[string, Plan]()}
}

// Quote prices a subscription for seats users.
func (p *Pricing) Quote(plan string, seats int) (int64, bool) {
	pl, ok := p.plans.Get(plan)
	if !ok || seats > pl.Seats {
		return 0, false
	}
	return pl.MonthlyCost * int64(seats), true
}

// SetPlans replaces several plans at once.
func (p *Pricing) SetPlans(plans ...Plan) {
	p.plans.Update(func(m map[string]Plan) {
		for _, pl := range plans {
			m[pl.Name] = pl
		}
	})
}
