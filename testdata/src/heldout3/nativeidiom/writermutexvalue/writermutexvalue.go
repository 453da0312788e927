// Case: server config in a package-level atomic.Value: every writer holds one mutex around load, copy (cloning the slice it changes) and store; request handlers only load and read
// Source: idiom: the writer-mutex fix of opencensus-go PR #840 (readers lock-free, updaters serialised); Documentation/RCU/checklist.rst item 1a
// Kind: idiom

package writermutexvalue

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

type Config struct {
	ReadTimeout  time.Duration
	AllowOrigins []string
}

var (
	writeMu sync.Mutex
	config  atomic.Value // always *Config
)

func init() {
	config.Store(&Config{ReadTimeout: 10 * time.Second})
}

func Current() *Config { return config.Load().(*Config) }

func SetReadTimeout(d time.Duration) {
	writeMu.Lock()
	defer writeMu.Unlock()
	next := *Current()
	next.ReadTimeout = d
	config.Store(&next)
}

func AllowOrigin(origin string) {
	writeMu.Lock()
	defer writeMu.Unlock()
	next := *Current()
	if slices.Contains(next.AllowOrigins, origin) {
		return
	}
	next.AllowOrigins = append(slices.Clone(next.AllowOrigins), origin)
	config.Store(&next)
}

func OriginAllowed(origin string) bool {
	return slices.Contains(Current().AllowOrigins, origin)
}
