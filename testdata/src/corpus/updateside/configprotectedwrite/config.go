// Case: the updater writes through Protected into the published config, and through a shallow copy into the published header map
// Source: issue 13 item 16 (writes through Protected into the published object); checklist item 3 (copy, update the copy, publish the copy), Documentation/RCU/checklist
// Kind: bad
// Pair: configprotectedwritefix

package configprotectedwrite

import (
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
	cfg.Protected(&mu).Timeout = d // expect RCU2002
}

// SetHeader publishes a copy of the config with header k set to v.
func SetHeader(k, v string) {
	mu.Lock()
	defer mu.Unlock()
	next := *cfg.Protected(&mu)
	next.Headers[k] = v // expect RCU2002
	cfg.Assign(&next)
}
