// Case: RPC handler defers ReadUnlock first, so the deferred metrics closure runs while the section is still live
// Source: Documentation/RCU/checklist.rst items 2 and 9 (rcu_dereference() after rcu_read_unlock()); Go's last-in-first-out defer order
// Kind: fixed
// Pair: readside/deferredmetrics

package deferredmetricsfix

import (
	"strings"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type handlerConfig struct {
	Name     string
	MaxReply int
}

type metrics struct {
	calls atomic.Int64
	bytes atomic.Int64
}

func (m *metrics) record(name string, n int) {
	if name != "" {
		m.calls.Add(1)
		m.bytes.Add(int64(n))
	}
}

type Handler struct {
	cfg     rcuapi.Pointer[handlerConfig]
	metrics metrics
}

func (h *Handler) Serve(req string) (reply string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	defer func() {
		h.metrics.record(h.cfg.Dereference(s).Name, len(reply))
	}()
	c := h.cfg.Dereference(s)
	reply = strings.ToUpper(req)
	if len(reply) > c.MaxReply {
		reply = reply[:c.MaxReply]
	}
	return reply
}
