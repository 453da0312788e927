// Case: health checker's single run goroutine owns the published health map: it alone applies probe results and expiry ticks with load, clone and store, while HTTP handlers only load
// Source: idiom: updates confined to one goroutine need no lock (Documentation/RCU/checklist.rst item 1c); event-loop owners in Go service meshes (consul agent, envoy control planes)
// Kind: idiom

package eventloopowner

import (
	"maps"
	"time"

	"sync/atomic"
)

type probeResult struct {
	target string
	ok     bool
	at     time.Time
}

type Checker struct {
	results chan probeResult
	healthy atomic.Pointer[map[string]time.Time] // target -> last success
}

func NewChecker() *Checker {
	c := &Checker{results: make(chan probeResult, 64)}
	m := map[string]time.Time{}
	c.healthy.Store(&m)
	return c
}

// Report is called by probe goroutines; it only sends.
func (c *Checker) Report(target string, ok bool) {
	c.results <- probeResult{target: target, ok: ok, at: time.Now()}
}

// run is the only goroutine that stores into c.healthy.
func (c *Checker) run(stop <-chan struct{}) {
	tick := time.NewTicker(10 * time.Second)
	defer tick.Stop()
	for {
		select {
		case r := <-c.results:
			next := maps.Clone(*c.healthy.Load())
			if r.ok {
				next[r.target] = r.at
			} else {
				delete(next, r.target)
			}
			c.healthy.Store(&next)
		case now := <-tick.C:
			next := maps.Clone(*c.healthy.Load())
			maps.DeleteFunc(next, func(_ string, t time.Time) bool { return now.Sub(t) > time.Minute })
			c.healthy.Store(&next)
		case <-stop:
			return
		}
	}
}

func (c *Checker) Start(stop <-chan struct{}) { go c.run(stop) }

func (c *Checker) Healthy(target string) bool {
	_, ok := (*c.healthy.Load())[target]
	return ok
}
