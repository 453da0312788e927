package bad

import "github.com/rcuvet/rcuvet/rcuapi"

// quotaExit waits for a classic grace period where it must wait for the
// classic callbacks this package queues (see rcu6001.go).
func quotaExit() {
	rcuapi.Synchronize() // want RCU6002
	feeds.Barrier()
	pages.Barrier()
}

var QuotaModule = &rcuapi.Module{Name: "quota", Exit: quotaExit}
