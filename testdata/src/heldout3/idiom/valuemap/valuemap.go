// Case: rate-limit policy map stores policy values (not pointers) in an rcuapi.Map; readers get a copy from Load and adjust their copy for the request without touching the map
// Source: idiom: values of a value type are copied out by Load (rcuapi.Map docs; "copy out what you need", whatisRCU.rst)
// Kind: idiom

package valuemap

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Policy struct {
	RPS    int
	Burst  int
	Window time.Duration
}

type Limits struct {
	policies rcuapi.Map[string, Policy]
}

func (l *Limits) Set(route string, p Policy) { l.policies.Store(route, p) }

// Effective returns the policy for a route, halved for anonymous callers.
func (l *Limits) Effective(route string, anonymous bool) Policy {
	s := rcuapi.ReadLock()
	p, ok := l.policies.Load(s, route)
	rcuapi.ReadUnlock(s)
	if !ok {
		p = Policy{RPS: 10, Burst: 20, Window: time.Second}
	}
	if anonymous {
		p.RPS /= 2
		p.Burst /= 2
	}
	return p
}
