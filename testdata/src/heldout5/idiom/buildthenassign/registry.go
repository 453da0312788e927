// Case: buildthenassign
// Source: idiom: the constructor finishes the object before it is published, and only reads it afterwards (Documentation/RCU/checklist.rst item 4)
// Kind: idiom
package buildthenassign

import (
	"log"
	"sort"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Factory func(config map[string]string) (any, error)

type Registry struct {
	Names     []string
	Factories map[string]Factory
}

var (
	mu      sync.Mutex
	plugins rcuapi.Pointer[Registry]
)

func newRegistry(found map[string]Factory) *Registry {
	r := &Registry{Factories: make(map[string]Factory, len(found))}
	for name, f := range found {
		r.Factories[name] = f
		r.Names = append(r.Names, name)
	}
	sort.Strings(r.Names)
	return r
}

// Rescan publishes the plugins found in the plugin directory.
func Rescan(found map[string]Factory) {
	r := newRegistry(found)
	mu.Lock()
	plugins.Assign(r)
	mu.Unlock()
	log.Printf("plugins: %d loaded, first %q", len(r.Names), first(r))
}

func first(r *Registry) string {
	if len(r.Names) == 0 {
		return ""
	}
	return r.Names[0]
}

func New(name string, cfg map[string]string) (any, error) {
	s := rcuapi.ReadLock()
	f, ok := plugins.Dereference(s).Factories[name]
	rcuapi.ReadUnlock(s)
	if !ok {
		return nil, nil
	}
	return f(cfg)
}
