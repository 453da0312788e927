// Package ratelimit is a filter that admits at most a given number of
// requests per window and rejects the rest with 429. Readers update its
// counters inside their sections, so it uses atomics only: a reader never
// waits.
package ratelimit

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/examples/router/internal/chain"
	"github.com/rcuvet/rcuvet/rcuapi"
)

type filter struct {
	chain    *chain.Chain
	mod      rcuapi.Module
	elem     *rcuapi.Element[chain.Filter]
	limit    int64
	window   time.Duration
	report   *atomic.Int64 // where Exit adds the final count of rejections
	start    atomic.Int64  // when the current window began, in Unix nanoseconds
	admitted atomic.Int64  // in the current window
	rejected atomic.Int64
}

// New returns an unloaded ratelimit module that attaches its filter to c.
// The filter admits limit requests per window; when the module is
// unloaded, it adds the number it rejected to rejected.
func New(c *chain.Chain, limit int64, window time.Duration, rejected *atomic.Int64) *rcuapi.Module {
	f := &filter{chain: c, limit: limit, window: window, report: rejected}
	f.mod = rcuapi.Module{Name: "ratelimit", Init: f.init, Exit: f.exit}
	return &f.mod
}

func (f *filter) init() error {
	f.elem = f.chain.Attach(chain.Filter{Module: &f.mod, Stage: f})
	return nil
}

func (f *filter) Before(*http.Request, http.Header) int {
	now := time.Now().UnixNano()
	if st := f.start.Load(); now-st >= int64(f.window) && f.start.CompareAndSwap(st, now) {
		f.admitted.Store(0)
	}
	if f.admitted.Add(1) > f.limit {
		f.rejected.Add(1)
		return http.StatusTooManyRequests
	}
	return 0
}

// exit reports the filter's rejections. Readers that found the filter
// before Detach may still be inside Before, counting; after a grace period
// none is, so the count is final.
func (f *filter) exit() {
	f.chain.Detach(f.elem)
	rcuapi.Synchronize()
	f.report.Add(f.rejected.Load())
}
