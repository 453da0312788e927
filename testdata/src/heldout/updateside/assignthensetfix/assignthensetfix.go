// Case: encoder options are completed by ApplyDefaults before they are published
// Source: rcu_assign_pointer() before the structure is fully initialised, readers see zero fields (Documentation/RCU/checklist.rst item 4; whatisRCU.rst on rcu_assign_pointer ordering)
// Kind: fixed
// Pair: assignthenset

package assignthensetfix

import (
	"sync"

	"fixtures/heldout/updateside/assignthensetfix/codec"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Transport struct {
	mu   sync.Mutex
	opts rcuapi.Pointer[codec.Options]
}

// Configure installs user options, completing them with the defaults.
func (t *Transport) Configure(level int, dict []byte) {
	o := &codec.Options{Level: level, Dict: dict, Checksummed: true}
	o.ApplyDefaults()
	t.mu.Lock()
	t.opts.Assign(o)
	t.mu.Unlock()
}

// Frame encodes one frame with the current options.
func (t *Transport) Frame(p []byte) []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	o := t.opts.Dereference(s)
	if o == nil {
		return append([]byte(nil), p...)
	}
	return codec.Encode(o, p)
}

// Level reports the compression level in force, 0 before Configure.
func (t *Transport) Level() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if o := t.opts.Dereference(s); o != nil {
		return o.Level
	}
	return 0
}
