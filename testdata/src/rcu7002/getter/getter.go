// Package getter publishes a configuration and hands it out through
// getters, one of them marked //rcu:snapshot.
package getter

import (
	"sync"
	"sync/atomic"
)

// Config is the global configuration.
type Config struct {
	Debug  bool
	Labels map[string]string
}

var global atomic.Pointer[Config]

func init() { global.Store(&Config{Labels: map[string]string{}}) }

// Get returns the published configuration, shared with every reader.
func Get() *Config { return global.Load() }

// Cache is a cache of objects shared with every caller.
type Cache struct {
	mu    sync.RWMutex
	items map[string]*Config
}

// Lookup returns the cached object itself.
//
//rcu:snapshot
func (c *Cache) Lookup(k string) *Config {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.items[k]
}

// Clone returns a deep copy of c.
func (c *Config) Clone() *Config {
	out := &Config{Debug: c.Debug, Labels: make(map[string]string, len(c.Labels))}
	for k, v := range c.Labels {
		out.Labels[k] = v
	}
	return out
}
