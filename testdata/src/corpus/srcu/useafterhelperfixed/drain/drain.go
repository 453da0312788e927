// Package drain holds teardown helpers shared by the servers.
package drain

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Quiesce waits until every reader of d that began before the call has
// left its section, and reports how long that took.
func Quiesce(d *rcuapi.SRCU) time.Duration {
	start := time.Now()
	d.Synchronize()
	return time.Since(start)
}
