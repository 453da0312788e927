// Case: config reloader registers one change callback per watched file; each callback loads the published config, copies it, sets its own section and stores the copy, and the file watcher runs callbacks on separate goroutines
// Source: opencensus-go PR #840 (ApplyConfig did Load, copy, Store with no writer lock and lost concurrent updates); Documentation/RCU/checklist.rst item 1
// Kind: bad
// Pair: -

package reloadclosure

import (
	"os"
	"sync/atomic"
)

type Config struct {
	Routes  []byte
	Secrets []byte
	Limits  []byte
}

var current atomic.Pointer[Config]

// Watcher calls every registered callback on its own goroutine when the file changes.
type Watcher interface {
	OnChange(path string, fn func(data []byte))
}

func Watch(w Watcher, dir string) {
	current.Store(&Config{})
	sections := map[string]func(c *Config, data []byte){
		"routes.yaml":  func(c *Config, d []byte) { c.Routes = d },
		"secrets.yaml": func(c *Config, d []byte) { c.Secrets = d },
		"limits.yaml":  func(c *Config, d []byte) { c.Limits = d },
	}
	for name, set := range sections {
		w.OnChange(dir+string(os.PathSeparator)+name, func(data []byte) {
			next := *current.Load()
			set(&next, data)
			current.Store(&next) // expect RCU7001
		})
	}
}

// Get is used by request handlers; they only read.
func Get() *Config { return current.Load() }
