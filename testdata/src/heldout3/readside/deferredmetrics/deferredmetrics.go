// Case: RPC handler registers a deferred closure that records metrics under the handler's config before it defers ReadUnlock, so the closure runs after the section ended
// Source: Documentation/RCU/checklist.rst items 2 and 9 (rcu_dereference() after rcu_read_unlock()); Go's last-in-first-out defer order
// Kind: bad
// Pair: readside/deferredmetricsfix

package deferredmetrics

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
	defer func() {
		h.metrics.record(h.cfg.Dereference(s).Name, len(reply)) // expect RCU1001
	}()
	defer rcuapi.ReadUnlock(s)
	c := h.cfg.Dereference(s)
	reply = strings.ToUpper(req)
	if len(reply) > c.MaxReply {
		reply = reply[:c.MaxReply]
	}
	return reply
}
