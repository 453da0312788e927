// Case: a plugin found under a section is pinned with Module.TryGet before the section ends, used (blocking) after it, and released with Put
// Source: idiom: try_module_get() on the owner of an ops structure found under RCU, then module_put() (Documentation/RCU/rcuref, https://gerrit-public.fairphone.software/plugins/gitiles/kernel/msm-4.9/+/4cdf6bc2476157f397f3b71a9bd4e23c7a7aaf80/Documentation/RCU/rcuref.txt)
// Kind: idiom

package pluginmoduletryget

import (
	"errors"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Plugin is the registration of a loadable module: it is removed from
// plugins only by the module's Exit, which cannot run while a reference
// taken with TryGet is held.
type Plugin struct {
	Mod    *rcuapi.Module
	Handle func(req string) (string, error)
}

var (
	plugins        rcuapi.Map[string, *Plugin]
	errUnavailable = errors.New("plugin unavailable")
)

// Register is called from a module's Init.
func Register(m *rcuapi.Module, handle func(string) (string, error)) {
	plugins.Store(m.Name, &Plugin{Mod: m, Handle: handle})
}

// Unregister is called from a module's Exit.
func Unregister(name string) {
	if _, ok := plugins.Delete(name); ok {
		rcuapi.Synchronize()
	}
}

// Call runs req through the named plugin; the handler may block.
func Call(name, req string) (string, error) {
	s := rcuapi.ReadLock()
	p, ok := plugins.Load(s, name)
	if ok && !p.Mod.TryGet() {
		ok = false
	}
	rcuapi.ReadUnlock(s)
	if !ok {
		return "", errUnavailable
	}
	defer p.Mod.Put()
	return p.Handle(req)
}

// Module returns the loaded module called name, pinned; the caller must Put it.
func Module(name string) (*rcuapi.Module, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for m := range rcuapi.Modules(s) {
		if m.Name == name && m.TryGet() {
			return m, true
		}
	}
	return nil, false
}

// Describe reports the reference count of the named module.
func Describe(name string) (string, int) {
	m, ok := Module(name)
	if !ok {
		return "", 0
	}
	defer m.Put()
	return m.Name, m.Refcount()
}
