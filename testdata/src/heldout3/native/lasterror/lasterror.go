// Case: health reporter keeps the last error in an atomic.Value and stores whatever error value it is given, of whichever concrete type
// Source: go-ethereum PRs #19352 and #23437, tailscale #11943 (atomic.Value stored with values of different concrete types panics)
// Kind: bad
// Pair: native/lasterrorfix

package lasterror

import (
	"sync/atomic"
	"time"
)

type Health struct {
	lastErr atomic.Value // error
	lastOK  atomic.Int64
}

// Report is called by every probe: DNS errors, *net.OpError, context errors...
func (h *Health) Report(err error) {
	if err == nil {
		h.lastOK.Store(time.Now().UnixNano())
		return
	}
	h.lastErr.Store(err) // expect RCU7005
}

func (h *Health) LastError() error {
	e, _ := h.lastErr.Load().(error)
	return e
}

func (h *Health) Healthy(now time.Time) bool {
	return now.Sub(time.Unix(0, h.lastOK.Load())) < time.Minute
}
