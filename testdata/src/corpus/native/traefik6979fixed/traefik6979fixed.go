// Case: the watcher stores a deep copy of the message and hands another deep copy to the listener
// Source: traefik/traefik PR #6979 https://github.com/traefik/traefik/pull/6979, code at the fix 4d71f682b3dd, pkg/server/configurationwatcher.go (previousConfig = *nextConfig.DeepCopy(); ring.In() <- *nextConfig.DeepCopy())
// Kind: fixed
// Pair: traefik6979bad

package traefik6979fixed

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

// DeepCopy returns a copy of m that shares nothing with it.
func (m *Message) DeepCopy() *Message {
	out := &Message{ProviderName: m.ProviderName}
	if m.Configuration != nil {
		out.Configuration = &Configuration{Routers: make(map[string]*Router, len(m.Configuration.Routers))}
		for k, r := range m.Configuration.Routers {
			out.Configuration.Routers[k] = &Router{EntryPoints: append([]string(nil), r.EntryPoints...), Rule: r.Rule}
		}
	}
	return out
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
	w.previous.Store(next.DeepCopy())
	w.applyDefaults(next.DeepCopy())
}

// applyDefaults is a configuration listener: it fills in default entry points.
func (w *watcher) applyDefaults(m *Message) {
	for _, r := range m.Configuration.Routers {
		if len(r.EntryPoints) == 0 {
			r.EntryPoints = w.defaultEntryPoints
		}
	}
}
