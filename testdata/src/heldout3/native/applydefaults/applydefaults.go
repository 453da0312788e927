// Case: config watcher stores the parsed config in an atomic.Value and then fills in its defaults through a pointer-receiver method
// Source: traefik PR #6979 (the stored configuration message was mutated after it was handed out); Documentation/RCU/checklist.rst item 4
// Kind: bad
// Pair: native/applydefaultsfix

package applydefaults

import (
	"encoding/json"
	"sync/atomic"
	"time"
)

type Config struct {
	Listen   string        `json:"listen"`
	Timeout  time.Duration `json:"timeout"`
	Backends []string      `json:"backends"`
}

func (c *Config) applyDefaults() {
	if c.Listen == "" {
		c.Listen = ":8080"
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
}

type Watcher struct {
	current atomic.Value // always *Config
}

// apply runs on the watcher goroutine for every change of the config file.
func (w *Watcher) apply(raw []byte) error {
	cfg := new(Config)
	if err := json.Unmarshal(raw, cfg); err != nil {
		return err
	}
	w.current.Store(cfg)
	cfg.applyDefaults() // expect RCU7003
	return nil
}

func (w *Watcher) Timeout() time.Duration {
	c, _ := w.current.Load().(*Config)
	if c == nil {
		return 30 * time.Second
	}
	return c.Timeout
}
