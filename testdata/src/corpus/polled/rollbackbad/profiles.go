// Case: QSBR profile store publishes a new profile, fails to persist it, swaps the old one back and recycles the rolled-back profile with no grace period, while the normal path waits
// Source: Documentation/RCU/checklist.rst item 15 (an object that was ever published needs a grace period after it is unpublished, on every path, error paths included)
// Kind: bad
// Pair: rollbackfixed

package rollbackbad

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type profile struct {
	user  string
	flags []string
}

var (
	q        = rcuapi.NewQSBR("profiles")
	mu       sync.Mutex
	profiles rcuapi.Map[string, *profile]
	pool     = sync.Pool{New: func() any { return new(profile) }}
)

// HasFlag reports whether user's profile has flag; r is the worker's handle.
func HasFlag(r *rcuapi.QSBRReader, user, flag string) bool {
	s := r.ReadLock()
	defer r.ReadUnlock(s)
	p, ok := profiles.Load(s, user)
	if !ok {
		return false
	}
	for _, f := range p.flags {
		if f == flag {
			return true
		}
	}
	return false
}

// Update publishes new flags for user and persists them with save. If
// save fails, the previous profile is put back.
func Update(user string, flags []string, save func(user string, flags []string) error) error {
	np := pool.Get().(*profile)
	np.user, np.flags = user, append(np.flags[:0], flags...)
	mu.Lock()
	defer mu.Unlock()
	old, had := profiles.Swap(user, np)
	if err := save(user, flags); err != nil {
		var undone *profile
		if had {
			undone, _ = profiles.Swap(user, old)
		} else {
			undone, _ = profiles.Delete(user)
		}
		pool.Put(undone) // expect RCU2004
		return err
	}
	if had {
		q.Synchronize()
		pool.Put(old)
	}
	return nil
}
