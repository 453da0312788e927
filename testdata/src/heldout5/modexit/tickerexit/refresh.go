// Case: tickerexit
// Source: Documentation/RCU/rcubarrier.rst (stop posting callbacks first, then rcu_barrier(); the other order lets new callbacks slip in)
// Kind: bad
// Pair: modexit/tickerexitfix
package tickerexit

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Snapshot struct {
	At      time.Time
	Entries map[string]float64
}

var (
	mu      sync.Mutex
	current rcuapi.Pointer[Snapshot]
	ticker  *time.Ticker
	done    chan struct{}
	stopped sync.WaitGroup
	dropped int
)

func refresh() {
	defer stopped.Done()
	for {
		select {
		case <-done:
			return
		case t := <-ticker.C:
			mu.Lock()
			current.Replace(&Snapshot{At: t, Entries: map[string]float64{}}, &mu)
			mu.Unlock()
			rcuapi.Call(func() {
				mu.Lock()
				dropped++
				mu.Unlock()
			})
		}
	}
}

func initModule() error {
	ticker = time.NewTicker(30 * time.Second)
	done = make(chan struct{})
	stopped.Add(1)
	go refresh()
	return nil
}

func exitModule() {
	rcuapi.Barrier() // expect RCU6003
	ticker.Stop()
	close(done)
	stopped.Wait()
}

var Module = &rcuapi.Module{Name: "exchange-rates", Init: initModule, Exit: exitModule}
