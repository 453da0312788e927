// Case: the test makes a second copy for the second change instead of writing the published one
// Source: idiom: pingcap/tidb PR #13182 https://github.com/pingcap/tidb/pull/13182 review (make another copy before setting), i.e. the later config.UpdateGlobal/RestoreFunc pattern
// Kind: fixed
// Pair: vstoretwicebad

package vstoretwicefixed

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

// runWithoutCheck runs insert with the check off, then restores the old config.
func runWithoutCheck(insert func()) {
	confMu.Lock()
	defer confMu.Unlock()
	old := globalConf.Load()
	newCfg := *old
	newCfg.CheckMb4ValueInUTF8 = false
	globalConf.Store(&newCfg)
	insert()
	globalConf.Store(old)
}
