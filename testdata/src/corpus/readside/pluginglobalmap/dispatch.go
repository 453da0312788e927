// Case: plugins found under a section are memoised in a package-level map and a package-level slice of recent plugins
// Source: issue 13 item 8 (package-level map and slice element); shape of a per-subsystem lookup cache that outlives the RCU section, as in whatisRCU's illegal "reference held from one section to another" (http://kerneltrap.org/mailarchive/linux-kernel/2007/10/7/331165)
// Kind: bad
// Pair: pluginglobalmapfix

package pluginglobalmap

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

// memo and recent belong to the dispatcher goroutine: only Dispatch uses them.
var (
	memo   = map[string]*Plugin{}
	recent = make([]*Plugin, 8)
	next   int
)

// Dispatch runs req through the named plugin.
func Dispatch(name, req string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p, ok := memo[name]
	if !ok {
		p = registry.Dereference(s).byName[name]
		if p == nil {
			return req
		}
		memo[name] = p // expect RCU1002
	}
	recent[next%len(recent)] = p // expect RCU1002
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
