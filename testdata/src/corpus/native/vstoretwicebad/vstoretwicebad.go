// Case: a test publishes its modified copy of the config, then sets another field of that same copy and stores it again
// Source: idiom: pingcap/tidb PR #13182 https://github.com/pingcap/tidb/pull/13182, executor/statement_context_test.go as proposed there (config.StoreGlobalConfig(&newCfg), later newCfg.CheckMb4ValueInUTF8 = true; zz-jason: "should we make another copy before setting newCfg since it already set as the global config previously?")
// Kind: bad
// Pair: vstoretwicefixed

package vstoretwicebad

import (
	"sync"
	"sync/atomic"
)

// Config is the server configuration.
type Config struct {
	CheckMb4ValueInUTF8 bool
	OOMAction           string
}

var (
	globalConf atomic.Pointer[Config]
	confMu     sync.Mutex // tests that change the config run one at a time
)

func init() { globalConf.Store(&Config{CheckMb4ValueInUTF8: true}) }

// runWithoutCheck runs insert with the check off, then turns it back on.
func runWithoutCheck(insert func()) {
	confMu.Lock()
	defer confMu.Unlock()
	newCfg := *globalConf.Load()
	newCfg.CheckMb4ValueInUTF8 = false
	globalConf.Store(&newCfg)
	insert()
	newCfg.CheckMb4ValueInUTF8 = true // expect RCU7003
	globalConf.Store(&newCfg)
}
