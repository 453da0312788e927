// Case: plugin table read by classic readers and by an SRCU domain; a helper waits for both grace periods before plugins are stopped
// Source: idiom: synchronize_rcu() followed by synchronize_srcu() (or a helper that does both) for data with readers of both flavours; rcuvet issue 13 class 3
// Kind: idiom

package waitboth

import (
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type plugin struct {
	name string
	quit chan struct{}
	out  io.Writer
}

type Host struct {
	mu      sync.Mutex
	io      rcuapi.SRCU // readers that write to plugin outputs
	plugins rcuapi.Pointer[map[string]*plugin]
}

// waitReaders returns once every reader of either flavour that could see
// the old table has finished.
func (h *Host) waitReaders() {
	rcuapi.Synchronize()
	h.io.Synchronize()
}

// Has is the fast path.
func (h *Host) Has(name string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	m := h.plugins.Dereference(s)
	return m != nil && (*m)[name] != nil
}

// Emit writes to a plugin's output; it may block.
func (h *Host) Emit(name string, p []byte) error {
	s := h.io.ReadLock()
	defer h.io.ReadUnlock(s)
	m := h.plugins.Dereference(s)
	if m == nil || (*m)[name] == nil {
		return io.ErrClosedPipe
	}
	_, err := (*m)[name].out.Write(p)
	return err
}

// Remove unpublishes a plugin and stops it once no reader can reach it.
func (h *Host) Remove(name string) {
	h.mu.Lock()
	old := h.plugins.Protected(&h.mu)
	var gone *plugin
	next := map[string]*plugin{}
	if old != nil {
		for k, v := range *old {
			if k == name {
				gone = v
				continue
			}
			next[k] = v
		}
	}
	h.plugins.Assign(&next)
	h.mu.Unlock()
	if gone == nil {
		return
	}
	h.waitReaders()
	close(gone.quit)
}
