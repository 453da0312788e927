// Case: the updater clones the Labels map of its shallow copy before writing it
// Source: idiom: pingcap/tidb config.UpdateGlobal shape (issue #23748), with the map cloned as the "copy the config deeply" remedy asks
// Kind: fixed
// Pair: vshallowmapbad

package vshallowmapfixed

import (
	"maps"
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
	c.Labels = maps.Clone(c.Labels)
	c.Labels[k] = v
	conf.Store(&c)
}

// Label is the read side.
func Label(k string) string { return conf.Load().Labels[k] }
