// Package retire defers the release of values that RCU readers may still
// hold until a classic RCU grace period has passed.
package retire

import (
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var queued atomic.Int64

// Later calls free(v) after a grace period.
func Later[T any](v T, free func(T)) {
	queued.Add(1)
	rcuapi.Call(func() {
		free(v)
		queued.Add(-1)
	})
}

// Queued returns how many releases are still waiting.
func Queued() int64 { return queued.Load() }

// Drain waits until every release queued before it has run.
func Drain() { rcuapi.Barrier() }
