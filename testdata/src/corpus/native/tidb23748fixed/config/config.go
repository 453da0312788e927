// Package config holds the server's global configuration (part of case tidb23748fixed).
package config

import (
	"sync"
	"sync/atomic"
)

// Config is the server configuration.
type Config struct {
	AlterPrimaryKey bool
	OOMAction       string
	Labels          map[string]string
}

var (
	globalConf   atomic.Value // *Config
	globalConfMu sync.Mutex   // serialises UpdateGlobal
)

func init() {
	globalConf.Store(&Config{OOMAction: "log", Labels: map[string]string{}})
}

// GetGlobalConfig returns the global configuration; callers must not modify it.
func GetGlobalConfig() *Config {
	return globalConf.Load().(*Config)
}

// UpdateGlobal applies f to a copy of the global configuration and publishes
// the copy. f may set scalar fields; maps are shared with the old copy.
func UpdateGlobal(f func(conf *Config)) {
	globalConfMu.Lock()
	defer globalConfMu.Unlock()
	newConf := *GetGlobalConfig()
	f(&newConf)
	globalConf.Store(&newConf)
}
