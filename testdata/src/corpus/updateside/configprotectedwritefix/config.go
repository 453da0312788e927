// Case: every update copies the config (cloning the header map it changes) and publishes the copy
// Source: checklist item 3 (copy, update the copy, publish the copy), Documentation/RCU/checklist
// Kind: fixed
// Pair: configprotectedwrite

package configprotectedwritefix

import (
	"maps"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Config is the proxy configuration.
type Config struct {
	Timeout time.Duration
	Headers map[string]string
}

var (
	mu  sync.Mutex
	cfg rcuapi.Pointer[Config]
)

// Header returns the value the proxy adds for header k.
func Header(k string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).Headers[k]
}

// Timeout returns the upstream timeout.
func Timeout() time.Duration {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cfg.Dereference(s).Timeout
}

// SetTimeout changes the upstream timeout.
func SetTimeout(d time.Duration) {
	mu.Lock()
	defer mu.Unlock()
	next := *cfg.Protected(&mu)
	next.Timeout = d
	cfg.Assign(&next)
}

// SetHeader publishes a copy of the config with header k set to v.
func SetHeader(k, v string) {
	mu.Lock()
	defer mu.Unlock()
	next := *cfg.Protected(&mu)
	next.Headers = maps.Clone(next.Headers)
	if next.Headers == nil {
		next.Headers = map[string]string{}
	}
	next.Headers[k] = v
	cfg.Assign(&next)
}
