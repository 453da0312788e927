// Case: codectypesfix
// Source: golang/go issue #22550, pulumi/pulumi issue #14611 and terraform issue #11746 (atomic.Value stored with a different concrete type panics); dominikh/go-tools issue #1142
// Kind: fixed
// Pair: native/codectypes
package codectypesfix

import (
	"encoding/json"
	"sync"
	"sync/atomic"
)

type Codec interface {
	Marshal(v any) ([]byte, error)
}

type jsonCodec struct{}

func (jsonCodec) Marshal(v any) ([]byte, error) { return json.Marshal(v) }

// CodecTable maps a content type to its codec.
type CodecTable map[string]Codec

var (
	mu     sync.Mutex
	codecs atomic.Value // CodecTable
)

func init() {
	codecs.Store(CodecTable{"application/json": jsonCodec{}})
}

func Lookup(contentType string) (Codec, bool) {
	c, ok := codecs.Load().(CodecTable)[contentType]
	return c, ok
}

// Register adds a codec contributed by a plugin.
func Register(contentType string, c Codec) {
	mu.Lock()
	defer mu.Unlock()
	cur := codecs.Load().(CodecTable)
	next := make(CodecTable, len(cur)+1)
	for k, v := range cur {
		next[k] = v
	}
	next[contentType] = c
	codecs.Store(next)
}

// ResetForTests drops every plugin codec.
func ResetForTests() {
	mu.Lock()
	defer mu.Unlock()
	codecs.Store(CodecTable{"application/json": jsonCodec{}})
}
