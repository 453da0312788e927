// Case: QSBR cache worker fills the map itself on a miss: it goes offline for the update (the map's mutex, the grace-period wait, the recycle) and comes back online to read again
// Source: idiom: urcu-qsbr threads that also update call rcu_thread_offline() before synchronize_rcu() and anything that can block; rcuapi QSBR doc ("Go offline first")
// Kind: idiom

package qsbrfillonmiss

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type user struct {
	id    uint64
	name  string
	roles []string
}

var (
	q     = rcuapi.NewQSBR("users")
	users rcuapi.Map[uint64, *user]
	pool  = sync.Pool{New: func() any { return new(user) }}
)

// Name returns the name of user id, loading it with fetch on a miss. r is
// the calling worker's handle, online and outside any section.
func Name(r *rcuapi.QSBRReader, id uint64, fetch func(uint64) (string, []string)) string {
	s := r.ReadLock()
	if u, ok := users.Load(s, id); ok {
		name := u.name
		r.ReadUnlock(s)
		return name
	}
	r.ReadUnlock(s)

	// Miss: fetching and updating can block, so go offline for it.
	r.Offline()
	defer r.Online()
	name, roles := fetch(id)
	nu := pool.Get().(*user)
	nu.id, nu.name, nu.roles = id, name, append(nu.roles[:0], roles...)
	if old, replaced := users.Swap(id, nu); replaced {
		q.Synchronize() // offline: the grace period does not wait for this goroutine
		old.roles = old.roles[:0]
		pool.Put(old)
	}
	return name
}

// Serve runs one worker: it registers a handle and answers ids from in.
// The handle is offline whenever the worker waits.
func Serve(in <-chan uint64, out chan<- string, fetch func(uint64) (string, []string)) {
	r := q.Register()
	defer r.Unregister()
	r.Offline()
	for id := range in {
		r.Online()
		n := Name(r, id, fetch)
		r.Offline()
		out <- n
	}
}
