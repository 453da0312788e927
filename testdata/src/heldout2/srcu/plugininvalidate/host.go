// Case: plugin host invalidates a plugin whose handler failed from inside the SRCU section of the call, and the invalidation waits for that domain's grace period
// Source: Documentation/RCU/checklist.rst items 6 and 14 (synchronize_srcu() inside a read-side section of the same srcu_struct deadlocks); whatisRCU.rst on SRCU
// Kind: bad
// Pair: plugininvalidatefix

package plugininvalidate

import (
	"errors"
	"fmt"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoPlugin = errors.New("host: no such plugin")

// ErrBroken is returned by a plugin that can no longer serve.
var ErrBroken = errors.New("plugin: broken")

type Plugin struct {
	Name   string
	Handle func(req []byte) ([]byte, error) // may block
	Stop   func()
}

type Host struct {
	dom     rcuapi.SRCU
	plugins rcuapi.Map[string, *Plugin]
}

// Call invokes a plugin. Handlers run inside the section and may block.
func (h *Host) Call(name string, req []byte) ([]byte, error) {
	s := h.dom.ReadLock()
	defer h.dom.ReadUnlock(s)
	p, ok := h.plugins.Load(s, name)
	if !ok {
		return nil, ErrNoPlugin
	}
	resp, err := p.Handle(req)
	if errors.Is(err, ErrBroken) {
		h.invalidate(name) // expect RCU1006
		return nil, fmt.Errorf("host: plugin %s failed and was unloaded: %w", name, err)
	}
	return resp, err
}

// invalidate unlists a plugin and stops it once no call can still be inside
// its handler.
func (h *Host) invalidate(name string) {
	old, ok := h.plugins.Delete(name)
	if !ok {
		return
	}
	h.dom.Synchronize()
	old.Stop()
}

// Register installs a plugin, stopping any it replaces.
func (h *Host) Register(p *Plugin) {
	if old, ok := h.plugins.Swap(p.Name, p); ok {
		h.dom.Synchronize()
		old.Stop()
	}
}
