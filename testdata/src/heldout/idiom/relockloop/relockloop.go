// Case: job scheduler walks a snapshot of job ids, ending and re-taking its section around each blocking dispatch, and looks each job up afresh
// Source: idiom: drop rcu_read_lock() around a sleep and re-look-up by key after re-taking it, instead of continuing a traversal whose section ended (Documentation/RCU/listRCU.rst)
// Kind: idiom

package relockloop

import (
	"context"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type job struct {
	id       int
	cmd      string
	interval time.Duration
	lastRun  time.Time
}

type Scheduler struct {
	mu   sync.Mutex
	jobs rcuapi.Map[int, *job]
	run  func(ctx context.Context, cmd string) error
}

// Tick runs every job that is due. Dispatch blocks, so each job's command
// is copied out, the section ends, and the next job is looked up again
// under a new section: jobs removed meanwhile are simply skipped.
func (sc *Scheduler) Tick(ctx context.Context, now time.Time) int {
	var ids []int
	s := rcuapi.ReadLock()
	for id := range sc.jobs.Range(s) {
		ids = append(ids, id)
	}
	ran := 0
	for _, id := range ids {
		j, ok := sc.jobs.Load(s, id)
		if !ok || now.Sub(j.lastRun) < j.interval {
			continue
		}
		cmd := j.cmd
		rcuapi.ReadUnlock(s)
		if sc.run(ctx, cmd) == nil {
			ran++
		}
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
	return ran
}

// Schedule adds or replaces a job; the old one is garbage.
func (sc *Scheduler) Schedule(id int, cmd string, every time.Duration) {
	sc.jobs.Store(id, &job{id: id, cmd: cmd, interval: every})
}
