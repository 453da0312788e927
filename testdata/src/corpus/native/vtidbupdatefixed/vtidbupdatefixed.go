// Case: UpdateGlobal takes a writer mutex around its load, copy, callback and store
// Source: idiom: pingcap/tidb config/config.go UpdateGlobal as indexed, with a writer mutex added (the remedy the pattern needs; not a TiDB commit)
// Kind: fixed
// Pair: vtidbupdatebad

package vtidbupdatefixed

import (
	"sync"
	"sync/atomic"
)

// Config is the server configuration.
type Config struct {
	OOMAction       string
	EnableTableLock bool
	TxnScope        string
}

var (
	globalConf   atomic.Pointer[Config]
	globalConfMu sync.Mutex
)

func init() { globalConf.Store(&Config{OOMAction: "log"}) }

// GetGlobalConfig returns the global configuration.
func GetGlobalConfig() *Config { return globalConf.Load() }

// UpdateGlobal applies f to a copy of the global configuration and publishes it.
func UpdateGlobal(f func(conf *Config)) {
	globalConfMu.Lock()
	defer globalConfMu.Unlock()
	g := GetGlobalConfig()
	newConf := *g
	f(&newConf)
	globalConf.Store(&newConf)
}

func enableTableLock() { UpdateGlobal(func(c *Config) { c.EnableTableLock = true }) }

func setTxnScope(s string) { UpdateGlobal(func(c *Config) { c.TxnScope = s }) }
