// Case: job scheduler passes its live Section to generic helpers in another package that walk the RCU list and return counts, copied fields and fresh key slices
// Source: idiom: passing the Section down like a context.Context (rcuapi package docs); helpers called with rcu_read_lock() held by the caller (rcu_dereference_check() documentation)
// Kind: idiom

package sectionhelpers

import (
	"sync"
	"time"

	"fixtures/heldout2/idiom/sectionhelpers/lookup"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Job struct {
	Name     string
	Schedule string
	Next     time.Time
	Owners   []string
}

func (j *Job) Key() string { return j.Name }

type Scheduler struct {
	mu   sync.Mutex
	jobs rcuapi.List[*Job]
}

// Status summarises the schedule for the dashboard.
func (sc *Scheduler) Status(now time.Time) (due int, names []string, nextRun time.Time, found bool) {
	s := rcuapi.ReadLock()
	due = lookup.Count(s, &sc.jobs, func(j *Job) bool { return !j.Next.After(now) })
	names = lookup.SortedKeys(s, &sc.jobs)
	nextRun, found = lookup.Field(s, &sc.jobs, "nightly-backup", func(j *Job) time.Time { return j.Next })
	rcuapi.ReadUnlock(s)
	return due, names, nextRun, found
}

// Add schedules a job; removed jobs are only memory.
func (sc *Scheduler) Add(j *Job) {
	sc.mu.Lock()
	sc.jobs.PushBack(j)
	sc.mu.Unlock()
}
