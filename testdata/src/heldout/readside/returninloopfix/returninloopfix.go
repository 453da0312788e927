// Case: plugin lookup ends its section on the early return from inside the traversal
// Source: early return from inside list_for_each_entry_rcu() without rcu_read_unlock() (Documentation/RCU/checklist.rst item 2)
// Kind: fixed
// Pair: returninloop

package returninloopfix

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type codec struct {
	mime    string
	exts    []string
	quality int
}

type Registry struct {
	mu     sync.Mutex
	codecs rcuapi.List[*codec]
}

// ForExt returns the MIME type and quality of the codec handling ext.
func (r *Registry) ForExt(ext string) (string, int, bool) {
	ext = strings.ToLower(ext)
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range r.codecs.All(s) {
		for _, x := range e.Value.exts {
			if x == ext {
				return e.Value.mime, e.Value.quality, true
			}
		}
	}
	return "", 0, false
}

// Register adds a codec.
func (r *Registry) Register(mime string, quality int, exts ...string) {
	c := &codec{mime: mime, quality: quality, exts: exts}
	r.mu.Lock()
	r.codecs.PushBack(c)
	r.mu.Unlock()
}

// Unregister removes every codec of mime.
func (r *Registry) Unregister(mime string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for e := range r.codecs.AllProtected(&r.mu) {
		if e.Value.mime == mime {
			r.codecs.Remove(e)
		}
	}
}
