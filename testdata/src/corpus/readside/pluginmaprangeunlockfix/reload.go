// Case: the stale plugins are collected under the section and reloaded after it has ended
// Source: issue 13 item 7; fix: never continue an RCU iteration across the end of its section
// Kind: fixed
// Pair: pluginmaprangeunlock

package pluginmaprangeunlockfix

import (
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Plugin is a loaded plugin; Close releases its file.
type Plugin struct {
	Path  string
	Stale bool
	f     *os.File
}

// Close releases the plugin's file.
func (p *Plugin) Close() error { return p.f.Close() }

var (
	pluginsDom rcuapi.SRCU // readers of plugins may block on plugin I/O
	mu         sync.Mutex
	plugins    rcuapi.Map[string, *Plugin]
)

func reload(name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	mu.Lock()
	old, ok := plugins.Swap(name, &Plugin{Path: path, f: f})
	mu.Unlock()
	if ok {
		pluginsDom.Synchronize()
		old.Close()
	}
	return nil
}

// ReloadStale reloads every plugin marked stale.
func ReloadStale() error {
	stale := map[string]string{}
	s := pluginsDom.ReadLock()
	for name, p := range plugins.Range(s) {
		if p.Stale {
			stale[name] = p.Path
		}
	}
	pluginsDom.ReadUnlock(s)
	for name, path := range stale {
		if err := reload(name, path); err != nil {
			return err
		}
	}
	return nil
}
