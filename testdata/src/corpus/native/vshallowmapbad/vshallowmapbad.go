// Case: an updater shallow-copies the loaded config and writes into the copy's Labels map, which is still the published map
// Source: idiom: pingcap/tidb config.UpdateGlobal (newConf := *g) as discussed in issue #23748 https://github.com/pingcap/tidb/issues/23748, with the Labels write of PR #22977 https://github.com/pingcap/tidb/pull/22977 (config.GetGlobalConfig().Labels["zone"] = ...)
// Kind: bad
// Pair: vshallowmapfixed

package vshallowmapbad

import (
	"sync"
	"sync/atomic"
)

// Config is the server configuration.
type Config struct {
	Zone   string
	Labels map[string]string
}

var (
	mu   sync.Mutex
	conf atomic.Pointer[Config]
)

func init() { conf.Store(&Config{Labels: map[string]string{}}) }

// SetLabel publishes a config with one label changed.
func SetLabel(k, v string) {
	mu.Lock()
	defer mu.Unlock()
	c := *conf.Load()
	c.Labels[k] = v // expect RCU7002
	conf.Store(&c)
}

// Label is the read side.
func Label(k string) string { return conf.Load().Labels[k] }
