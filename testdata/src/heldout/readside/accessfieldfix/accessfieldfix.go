// Case: debug logging tests the pointer with Access and reads the flag under a section
// Source: rcu_access_pointer() result dereferenced outside any section (Documentation/RCU/rcu_dereference.rst and checklist.rst item 2: rcu_access_pointer() is for comparisons only)
// Kind: fixed
// Pair: accessfield

package accessfieldfix

import (
	"log"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type LogConfig struct {
	Verbose bool
	Prefix  string
	Sample  int
}

var (
	cfg   rcuapi.Pointer[LogConfig]
	cfgMu sync.Mutex
)

func verbose() bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := cfg.Dereference(s)
	return c != nil && c.Verbose
}

// Debugf logs only when verbose logging is configured.
func Debugf(format string, args ...any) {
	if cfg.Access() == nil {
		return
	}
	if !verbose() {
		return
	}
	log.Printf("debug: "+format, args...)
}

// Configured reports whether a configuration was ever loaded.
func Configured() bool { return cfg.Access() != nil }

// SetConfig publishes c; the old config is only garbage.
func SetConfig(c LogConfig) {
	cfgMu.Lock()
	cfg.Assign(&c)
	cfgMu.Unlock()
}
