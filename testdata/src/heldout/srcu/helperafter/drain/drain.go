// Package drain has shutdown helpers shared by services built on SRCU.
package drain

import (
	"log"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Quiesce waits until no reader that started before it is left in d, and
// logs how long that took.
func Quiesce(name string, d *rcuapi.SRCU) {
	start := time.Now()
	d.Synchronize()
	log.Printf("%s: readers drained in %v", name, time.Since(start))
}

// Flush waits for every callback queued on d.
func Flush(d *rcuapi.SRCU) {
	d.Barrier()
}
