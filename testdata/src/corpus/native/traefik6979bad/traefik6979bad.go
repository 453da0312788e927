// Case: the watcher keeps the provider message it just stored for later comparison and hands the same message to a listener that fills in defaults
// Source: traefik/traefik PR #6979 https://github.com/traefik/traefik/pull/6979, code at its parent 607cda779d98 (v2.2.1 plus 35 commits), pkg/server/configurationwatcher.go throttleProviderConfigReload (previousConfig = nextConfig; ring.In() <- nextConfig) and the listeners fed from it; previousConfig, a local of the throttling goroutine compared with reflect.DeepEqual, is modelled as an atomic.Pointer read by the status API
// Kind: bad
// Pair: traefik6979fixed

package traefik6979bad

import (
	"reflect"
	"sync/atomic"
)

// Router is one HTTP router.
type Router struct {
	EntryPoints []string
	Rule        string
}

// Configuration is a provider's dynamic configuration.
type Configuration struct {
	Routers map[string]*Router
}

// Message is what a provider sends.
type Message struct {
	ProviderName  string
	Configuration *Configuration
}

type watcher struct {
	previous           atomic.Pointer[Message] // last message applied; read by the API and by the next comparison
	defaultEntryPoints []string
}

// throttle applies a provider message unless it equals the previous one.
func (w *watcher) throttle(next *Message) {
	if prev := w.previous.Load(); prev != nil && reflect.DeepEqual(prev, next) {
		return
	}
	w.previous.Store(next)
	w.applyDefaults(next) // expect RCU7003
}

// applyDefaults is a configuration listener: it fills in default entry points.
func (w *watcher) applyDefaults(m *Message) {
	for _, r := range m.Configuration.Routers {
		if len(r.EntryPoints) == 0 {
			r.EntryPoints = w.defaultEntryPoints
		}
	}
}
