// Case: codec registry adds codecs with a CompareAndSwap retry loop over a cloned map; lookups load the map and only read it
// Source: idiom: lock-free copy-on-write updaters with atomic read-modify-write (Documentation/RCU/checklist.rst item 1b); Go's atomic.Pointer CompareAndSwap loops (e.g. grpc-go's and prometheus's registries)
// Kind: idiom

package casregistry

import (
	"fmt"
	"maps"
	"sync/atomic"
)

type Codec interface {
	Encode(v any) ([]byte, error)
}

var codecs atomic.Pointer[map[string]Codec]

// RegisterCodec may be called from several packages' init functions and from plugins.
func RegisterCodec(name string, c Codec) error {
	for {
		cur := codecs.Load()
		var next map[string]Codec
		if cur == nil {
			next = map[string]Codec{}
		} else {
			if _, dup := (*cur)[name]; dup {
				return fmt.Errorf("codec %q registered twice", name)
			}
			next = maps.Clone(*cur)
		}
		next[name] = c
		if codecs.CompareAndSwap(cur, &next) {
			return nil
		}
	}
}

func Lookup(name string) (Codec, bool) {
	cur := codecs.Load()
	if cur == nil {
		return nil, false
	}
	c, ok := (*cur)[name]
	return c, ok
}
