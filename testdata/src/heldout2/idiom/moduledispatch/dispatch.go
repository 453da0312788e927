// Case: codec dispatcher walks the loaded modules under a classic section, skips modules that are unloading (TryGet fails) and continues to the next candidate, and calls the pinned module after the section
// Source: idiom: try_module_get() inside rcu_read_lock() over the module list, module_put() when done (seed text on module unloading with an RCU-protected module list and refcount)
// Kind: idiom

package moduledispatch

import (
	"errors"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoCodec = errors.New("dispatch: no codec module for this content type")

// Codec is what a codec module registers for itself.
type Codec struct {
	ContentType string
	Decode      func([]byte) (any, error)
}

var (
	mu     sync.Mutex
	codecs = map[*rcuapi.Module]Codec{} // by module, guarded by mu
)

// Register records the codec a module provides (called from its Init).
func Register(m *rcuapi.Module, c Codec) {
	mu.Lock()
	codecs[m] = c
	mu.Unlock()
}

func codecOf(m *rcuapi.Module) (Codec, bool) {
	mu.Lock()
	defer mu.Unlock()
	c, ok := codecs[m]
	return c, ok
}

// Decode finds a loaded module whose name says it handles contentType and
// decodes body with it.
func Decode(contentType string, body []byte) (any, error) {
	var pinned *rcuapi.Module
	s := rcuapi.ReadLock()
	for m := range rcuapi.Modules(s) {
		if !strings.HasPrefix(m.Name, "codec-") {
			continue
		}
		if !strings.HasSuffix(m.Name, strings.ReplaceAll(contentType, "/", "-")) {
			continue
		}
		if !m.TryGet() {
			continue // unloading; another module may also handle the type
		}
		pinned = m
		break
	}
	rcuapi.ReadUnlock(s)
	if pinned == nil {
		return nil, ErrNoCodec
	}
	defer pinned.Put()
	c, ok := codecOf(pinned)
	if !ok {
		return nil, ErrNoCodec
	}
	return c.Decode(body)
}
