// Case: config holder runs caller closures under its section; the closures copy what they need into variables they captured
// Source: idiom: "With" accessors in Go that run a callback under a lock or section (like sync.Map.Range); the read-side rule of whatisRCU.rst
// Kind: idiom

package visitorclosure

import (
	"slices"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Config struct {
	Listen       string
	ReadTimeout  time.Duration
	TrustedCIDRs []string
	Features     map[string]bool
}

type Holder struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[Config]
}

func NewHolder(c *Config) *Holder {
	h := &Holder{}
	h.cur.Init(c)
	return h
}

// With calls fn with the current config inside a section. fn must not keep
// c or anything reached through it, and must not block.
func (h *Holder) With(fn func(c *Config)) {
	s := rcuapi.ReadLock()
	fn(h.cur.Dereference(s))
	rcuapi.ReadUnlock(s)
}

// ServerSettings is what the HTTP server needs at startup.
func (h *Holder) ServerSettings() (addr string, timeout time.Duration, trusted []string) {
	h.With(func(c *Config) {
		addr = c.Listen
		timeout = c.ReadTimeout
		trusted = slices.Clone(c.TrustedCIDRs)
	})
	return addr, timeout, trusted
}

// Enabled reports whether a feature flag is on.
func (h *Holder) Enabled(feature string) bool {
	var on bool
	h.With(func(c *Config) { on = c.Features[feature] })
	return on
}

// Set publishes a new config; configs are only memory.
func (h *Holder) Set(c *Config) {
	h.mu.Lock()
	h.cur.Replace(c, &h.mu)
	h.mu.Unlock()
}
