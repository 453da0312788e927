// Package config holds the server's global configuration (part of case tidb23748bad).
package config

import "sync/atomic"

// Config is the server configuration.
type Config struct {
	AlterPrimaryKey bool
	OOMAction       string
	Labels          map[string]string
}

var globalConf atomic.Value // *Config

func init() {
	globalConf.Store(&Config{OOMAction: "log", Labels: map[string]string{}})
}

// GetGlobalConfig returns the global configuration. Other parts of the
// system read the global configuration through this function.
func GetGlobalConfig() *Config {
	return globalConf.Load().(*Config)
}

// StoreGlobalConfig replaces the global configuration.
func StoreGlobalConfig(c *Config) {
	globalConf.Store(c)
}
