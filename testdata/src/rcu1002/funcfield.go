package rcu1002

import "github.com/rcuvet/rcuvet/rcuapi"

// A plugin's function field is code the updater set, not memory of the
// protected hostPlugin: a copy of the hostPlugin taken in the section may be kept.
type hostPlugin struct {
	Name     string
	Priority int
	Handle   func(msg []byte) []byte
}

type pluginHost struct {
	plugins rcuapi.List[*hostPlugin]
	cache   []hostPlugin
	ptrs    []*hostPlugin
}

func (h *pluginHost) okRefreshCopies() {
	h.cache = h.cache[:0]
	s := rcuapi.ReadLock()
	for e := range h.plugins.All(s) {
		h.cache = append(h.cache, *e.Value)
	}
	rcuapi.ReadUnlock(s)
}

func (h *pluginHost) refreshPointers() {
	h.ptrs = h.ptrs[:0]
	s := rcuapi.ReadLock()
	for e := range h.plugins.All(s) {
		h.ptrs = append(h.ptrs, e.Value) // want `RCU1002: a pointer obtained under the section begun by ReadLock at funcfield\.go:\d+ is stored through h`
	}
	rcuapi.ReadUnlock(s)
}

// A factory looked up in a protected registry's map and called after the
// section: the function value is code, not memory of the registry.
type factories struct {
	byName map[string]func(cfg map[string]string) (any, error)
}

var registry rcuapi.Pointer[factories]

func okNewPlugin(name string, cfg map[string]string) (any, error) {
	s := rcuapi.ReadLock()
	f, ok := registry.Dereference(s).byName[name]
	rcuapi.ReadUnlock(s)
	if !ok {
		return nil, nil
	}
	return f(cfg)
}
