// Case: message decoder ends its section in the default branch of the codec switch too
// Source: Documentation/RCU/checklist.rst item 2; github.com/github/glb-director pull request 45 (conntrack paths that returned without rcu_read_unlock)
// Kind: fixed
// Pair: codecswitch

package codecswitchfix

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const (
	kindJSON byte = iota + 1
	kindBinary
	kindCustom
)

var errNoCustom = errors.New("codec: no custom decoder registered")

type Message map[string]any

type codecs struct {
	binary func([]byte) (Message, error)
	custom func([]byte) (Message, error) // nil until a plugin registers one
}

type Registry struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[codecs]
}

func NewRegistry(binary func([]byte) (Message, error)) *Registry {
	r := &Registry{}
	r.cur.Init(&codecs{binary: binary})
	return r
}

// Decode decodes one framed payload of the given kind.
func (r *Registry) Decode(kind byte, payload []byte) (Message, error) {
	s := rcuapi.ReadLock()
	c := r.cur.Dereference(s)
	var dec func([]byte) (Message, error)
	switch kind {
	case kindJSON:
		dec = decodeJSON
	case kindBinary:
		dec = c.binary
	case kindCustom:
		if c.custom == nil {
			rcuapi.ReadUnlock(s)
			return nil, errNoCustom
		}
		dec = c.custom
	default:
		rcuapi.ReadUnlock(s)
		return nil, fmt.Errorf("codec: unknown kind %d", kind)
	}
	msg, err := dec(payload)
	rcuapi.ReadUnlock(s)
	return msg, err
}

func decodeJSON(b []byte) (Message, error) {
	var m Message
	err := json.Unmarshal(b, &m)
	return m, err
}

// SetCustom installs (or, with nil, removes) the custom decoder. The old
// decoder may still be running in a reader until a grace period has passed,
// so the plugin that owns it is told only after that.
func (r *Registry) SetCustom(dec func([]byte) (Message, error), released func()) {
	r.mu.Lock()
	old := r.cur.Protected(&r.mu)
	next := &codecs{binary: old.binary, custom: dec}
	r.cur.Replace(next, &r.mu)
	r.mu.Unlock()
	rcuapi.Synchronize()
	if released != nil {
		released()
	}
}
