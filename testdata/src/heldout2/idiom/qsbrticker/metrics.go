// Case: QSBR metrics aggregator goes offline for its select over work, a flush ticker and cancellation, reads inside short sections, and announces a quiescent state after every event
// Source: idiom: liburcu urcu-qsbr worker loops (rcu_thread_offline() around blocking waits, rcu_quiescent_state() between events); rcuapi QSBR package docs
// Kind: idiom

package qsbrticker

import (
	"context"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Sample struct {
	Metric string
	Value  float64
}

type relabel struct {
	rename map[string]string
	drop   map[string]bool
}

type Aggregator struct {
	q     *rcuapi.QSBR
	mu    sync.Mutex
	rules rcuapi.Pointer[relabel]
	sink  func(map[string]float64) error // ships a batch; blocks on the network
}

func New(sink func(map[string]float64) error) *Aggregator {
	a := &Aggregator{q: rcuapi.NewQSBR("metrics"), sink: sink}
	a.rules.Init(&relabel{rename: map[string]string{}, drop: map[string]bool{}})
	return a
}

// Run aggregates samples until ctx ends.
func (a *Aggregator) Run(ctx context.Context, in <-chan Sample, every time.Duration) error {
	r := a.q.Register()
	defer r.Unregister()
	tick := time.NewTicker(every)
	defer tick.Stop()
	sums := make(map[string]float64)
	for {
		r.Offline()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
			if len(sums) > 0 {
				if err := a.sink(sums); err != nil {
					return err
				}
				sums = make(map[string]float64)
			}
			r.Online()
		case smp := <-in:
			r.Online()
			s := r.ReadLock()
			rl := a.rules.Dereference(s)
			name, drop := smp.Metric, rl.drop[smp.Metric]
			if to, ok := rl.rename[name]; ok {
				name = to
			}
			r.ReadUnlock(s)
			if !drop {
				sums[name] += smp.Value
			}
		}
		r.Quiescent()
	}
}

// SetRules publishes new relabelling rules and waits until no aggregator
// can still be using the old ones. The caller has no handle of a.q.
func (a *Aggregator) SetRules(next *relabel) {
	a.mu.Lock()
	a.rules.Replace(next, &a.mu)
	a.mu.Unlock()
	a.q.Synchronize()
}
