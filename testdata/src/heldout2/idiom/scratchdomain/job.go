// Case: batch job creates a private SRCU domain for one run, queues no callbacks on it, and lets it become garbage without Cleanup when the run ends
// Source: idiom: rcuapi.SRCU documentation (the zero value is ready to use; an SRCU that became garbage needs no Cleanup); Barrier and Cleanup matter only for callbacks and for ending a domain that others may still use
// Kind: idiom

package scratchdomain

import (
	"context"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type plan struct {
	shards []string
}

// Run processes every shard with workers goroutines while a controller may
// re-plan; workers read the plan under the run's own SRCU domain. The
// caller closes replan when Run returns.
func Run(ctx context.Context, initial []string, replan <-chan []string, work func(context.Context, string) error) error {
	var (
		dom  rcuapi.SRCU
		mu   sync.Mutex
		cur  rcuapi.Pointer[plan]
		next = make(chan int)
		errs = make(chan error, 1)
		wg   sync.WaitGroup
	)
	cur.Init(&plan{shards: initial})

	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				s := dom.ReadLock()
				p := cur.Dereference(s)
				var err error
				if i < len(p.shards) {
					err = work(ctx, p.shards[i]) // blocks; SRCU allows it
				}
				dom.ReadUnlock(s)
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}

	go func() {
		for shards := range replan {
			mu.Lock()
			cur.Replace(&plan{shards: shards}, &mu)
			mu.Unlock()
			dom.Synchronize() // workers now see the new plan; old plans are only memory
		}
	}()

	for i := 0; i < len(initial); i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			i = len(initial)
		}
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return ctx.Err()
	}
}
