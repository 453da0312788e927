// Case: Map.Range under SRCU drops the section inside the loop body to reload a plugin (which waits for the domain's grace period), then re-takes it: the range continues on the ended section
// Source: issue 13 item 7 (m.Range(s) whose section ended inside the body); kernel shape: srcu_read_unlock() inside a list walk so that the body may call synchronize_srcu()
// Kind: bad
// Pair: pluginmaprangeunlockfix

package pluginmaprangeunlock

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

// ReloadStale reloads every plugin marked stale. reload waits for a grace
// period of pluginsDom, so the section is ended around it.
func ReloadStale() error {
	s := pluginsDom.ReadLock()
	for name, p := range plugins.Range(s) {
		if !p.Stale {
			continue
		}
		path := p.Path
		pluginsDom.ReadUnlock(s) // expect RCU1001
		err := reload(name, path)
		s = pluginsDom.ReadLock()
		if err != nil {
			pluginsDom.ReadUnlock(s)
			return err
		}
	}
	pluginsDom.ReadUnlock(s)
	return nil
}
