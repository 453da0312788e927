// Case: UpdateGlobal loads the config, shallow-copies it, lets a callback change the copy and stores it, without a lock
// Source: idiom: pingcap/tidb config/config.go UpdateGlobal (g := GetGlobalConfig(); newConf := *g; f(&newConf); StoreGlobalConfig(&newConf)) as indexed, criticised in issue #23748 https://github.com/pingcap/tidb/issues/23748; TiDB calls it from tests, mostly serially
// Kind: bad
// Pair: vtidbupdatefixed

package vtidbupdatebad

import "sync/atomic"

// Config is the server configuration.
type Config struct {
	OOMAction       string
	EnableTableLock bool
	TxnScope        string
}

var globalConf atomic.Pointer[Config]

func init() { globalConf.Store(&Config{OOMAction: "log"}) }

// GetGlobalConfig returns the global configuration.
func GetGlobalConfig() *Config { return globalConf.Load() }

// UpdateGlobal applies f to a copy of the global configuration and publishes it.
func UpdateGlobal(f func(conf *Config)) {
	g := GetGlobalConfig()
	newConf := *g
	f(&newConf)
	globalConf.Store(&newConf) // expect RCU7001
}

func enableTableLock() { UpdateGlobal(func(c *Config) { c.EnableTableLock = true }) }

func setTxnScope(s string) { UpdateGlobal(func(c *Config) { c.TxnScope = s }) }
