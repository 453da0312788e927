// Case: the dispatcher remembers plugin names (strings), and looks each plugin up inside its own section
// Source: issue 13 item 8; fix: keep keys in long-lived memory, never the protected pointers
// Kind: fixed
// Pair: pluginglobalmap

package pluginglobalmapfix

import (
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Plugin is a loaded request filter. Close releases its state.
type Plugin struct {
	Name  string
	Hook  func(req string) string
	state []byte
}

// Close releases the plugin's state.
func (p *Plugin) Close() { p.state = nil }

// Registry maps names to plugins; it is replaced as a whole.
type Registry struct {
	byName map[string]*Plugin
}

var (
	mu       sync.Mutex
	registry rcuapi.Pointer[Registry]
)

// recent belongs to the dispatcher goroutine: only Dispatch uses it.
var (
	recent = make([]string, 8)
	next   int
)

// Dispatch runs req through the named plugin.
func Dispatch(name, req string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := registry.Dereference(s).byName[name]
	if p == nil {
		return req
	}
	recent[next%len(recent)] = p.Name
	next++
	return p.Hook(req)
}

// Unload removes the named plugin and closes it after a grace period.
func Unload(name string) {
	mu.Lock()
	cur := registry.Protected(&mu)
	old := cur.byName[name]
	if old == nil {
		mu.Unlock()
		return
	}
	byName := maps.Clone(cur.byName)
	delete(byName, name)
	registry.Assign(&Registry{byName: byName})
	mu.Unlock()
	rcuapi.Synchronize()
	old.Close()
}
