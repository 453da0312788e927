// Case: admin call copies the config, changes the timeout in the copy and publishes it
// Source: updater modifies the current version in place under its lock instead of copy-update-publish (Documentation/RCU/checklist.rst item 3; listRCU.rst on in-place updates)
// Kind: fixed
// Pair: protectedwrite

package protectedwritefix

import (
	"net/http"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type upstreamConfig struct {
	URL     string
	Timeout time.Duration
	Retries int
	Headers http.Header
}

type Proxy struct {
	mu  sync.Mutex
	cfg rcuapi.Pointer[upstreamConfig]
}

// SetTimeout changes the upstream timeout at run time.
func (p *Proxy) SetTimeout(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := *p.cfg.Protected(&p.mu)
	next.Timeout = d
	next.Headers = next.Headers.Clone()
	p.cfg.Assign(&next)
}

// SetURL replaces the upstream; this one copies correctly.
func (p *Proxy) SetURL(u string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := *p.cfg.Protected(&p.mu)
	next.URL = u
	next.Headers = next.Headers.Clone()
	p.cfg.Assign(&next)
}

// Deadline is what each request computes.
func (p *Proxy) Deadline(start time.Time) (time.Time, int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := p.cfg.Dereference(s)
	return start.Add(c.Timeout), c.Retries
}

func New(u string) *Proxy {
	p := &Proxy{}
	p.cfg.Init(&upstreamConfig{URL: u, Timeout: 5 * time.Second, Retries: 2, Headers: http.Header{}})
	return p
}
