// Case: health reporter boxes every error in one struct type before storing it in the atomic.Value
// Source: go-ethereum PRs #19352 and #23437, tailscale #11943 (atomic.Value stored with values of different concrete types panics)
// Kind: fixed
// Pair: native/lasterror

package lasterrorfix

import (
	"sync/atomic"
	"time"
)

type errBox struct{ err error }

type Health struct {
	lastErr atomic.Value // always errBox
	lastOK  atomic.Int64
}

// Report is called by every probe: DNS errors, *net.OpError, context errors...
func (h *Health) Report(err error) {
	if err == nil {
		h.lastOK.Store(time.Now().UnixNano())
		return
	}
	h.lastErr.Store(errBox{err})
}

func (h *Health) LastError() error {
	b, _ := h.lastErr.Load().(errBox)
	return b.err
}

func (h *Health) Healthy(now time.Time) bool {
	return now.Sub(time.Unix(0, h.lastOK.Load())) < time.Minute
}
