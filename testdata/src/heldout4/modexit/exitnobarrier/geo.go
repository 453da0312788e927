// Case: GeoIP filter module retires old databases on its SRCU domain through a package-level retire helper, and its Exit stops the refresh goroutine and unpublishes the database but never drains that domain
// Source: Documentation/RCU/rcubarrier.rst (a module that used call_rcu()/call_srcu() must call the matching barrier in its exit function); kernel fixes adding rcu_barrier() to module exit paths
// Kind: bad
// Pair: modexit/exitnobarrierfix

package exitnobarrier

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type db struct {
	version string
	data    []byte
}

var (
	mu      sync.Mutex
	lookups rcuapi.SRCU
	current rcuapi.Pointer[db]
	stop    chan struct{}
	done    chan struct{}
)

func retire(old *db) {
	if old != nil {
		lookups.Call(func() { old.data = nil })
	}
}

func refresh() {
	defer close(done)
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			mu.Lock()
			old := current.Replace(&db{version: time.Now().Format(time.RFC3339)}, &mu)
			mu.Unlock()
			retire(old)
		case <-stop:
			return
		}
	}
}

var Module = &rcuapi.Module{
	Name: "geoip",
	Init: func() error {
		stop, done = make(chan struct{}), make(chan struct{})
		go refresh()
		return nil
	},
	Exit: exit,
}

func exit() { // expect RCU6001
	close(stop)
	<-done
	mu.Lock()
	old := current.Replace(nil, &mu)
	mu.Unlock()
	retire(old)
}
