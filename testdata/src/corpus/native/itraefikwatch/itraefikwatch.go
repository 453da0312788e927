// Case: a single goroutine applies configurations: it merges a deep copy, publishes the result for the API and hands it to listeners; it never writes what it published
// Source: idiom: github.com/traefik/traefik/v3@v3.7.13 pkg/server/configurationwatcher.go ConfigurationWatcher.applyConfigurations (mergeConfiguration(newConfigs.DeepCopy(), ...), applyModel, listeners); the published pointer stands for what the API handler reads
// Kind: idiom
// Pair: none

package itraefikwatch

import (
	"reflect"
	"sync/atomic"
)

// Router is one HTTP router.
type Router struct {
	EntryPoints []string
	Rule        string
}

// Configuration is the merged dynamic configuration.
type Configuration struct {
	Routers map[string]*Router
}

// Configurations is keyed by provider.
type Configurations map[string]*Configuration

// DeepCopy returns a copy that shares nothing with c.
func (c Configurations) DeepCopy() Configurations {
	out := make(Configurations, len(c))
	for p, conf := range c {
		cc := &Configuration{Routers: make(map[string]*Router, len(conf.Routers))}
		for k, r := range conf.Routers {
			cc.Routers[k] = &Router{EntryPoints: append([]string(nil), r.EntryPoints...), Rule: r.Rule}
		}
		out[p] = cc
	}
	return out
}

func mergeConfiguration(cs Configurations, defaultEntryPoints []string) *Configuration {
	merged := &Configuration{Routers: map[string]*Router{}}
	for p, c := range cs {
		for k, r := range c.Routers {
			if len(r.EntryPoints) == 0 {
				r.EntryPoints = defaultEntryPoints
			}
			merged.Routers[k+"@"+p] = r
		}
	}
	return merged
}

type watcher struct {
	current            atomic.Pointer[Configuration] // read by the API handlers
	listeners          []func(*Configuration)
	defaultEntryPoints []string
}

// applyConfigurations is the only writer of current.
func (w *watcher) applyConfigurations(in <-chan Configurations) {
	var last Configurations
	for newConfigs := range in {
		if reflect.DeepEqual(newConfigs, last) {
			continue
		}
		conf := mergeConfiguration(newConfigs.DeepCopy(), w.defaultEntryPoints)
		w.current.Store(conf)
		for _, listener := range w.listeners {
			listener(conf)
		}
		last = newConfigs
	}
}

// routerCount is an API handler.
func (w *watcher) routerCount() int { return len(w.current.Load().Routers) }
