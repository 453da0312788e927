// Case: copyoutclosure
// Source: idiom: values copied out of the section (strings, ints, a struct without pointers) are the reader's own (Documentation/RCU/whatisRCU.rst)
// Kind: idiom
package copyoutclosure

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Plan struct {
	Name     string
	Requests int
	Window   time.Duration
}

type Plans struct {
	byKey map[string]*Plan
}

type Limiter struct {
	plans rcuapi.Pointer[Plans]
}

// with runs fn on the plan for key inside one section.
func (l *Limiter) with(key string, fn func(*Plan)) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p, ok := l.plans.Dereference(s).byKey[key]
	if ok {
		fn(p)
	}
	return ok
}

// PlanFor returns a copy of the caller's plan.
func (l *Limiter) PlanFor(key string) (Plan, bool) {
	var out Plan
	ok := l.with(key, func(p *Plan) { out = *p })
	return out, ok
}

// Budget returns the requests left and when the window resets.
func (l *Limiter) Budget(key string, used int, start time.Time) (int, time.Time) {
	var limit int
	var window time.Duration
	l.with(key, func(p *Plan) {
		limit, window = p.Requests, p.Window
	})
	return max(limit-used, 0), start.Add(window)
}
