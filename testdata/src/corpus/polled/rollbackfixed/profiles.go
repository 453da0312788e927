// Case: QSBR profile store rolls a failed update back and waits for the QSBR grace period before recycling the rolled-back profile, as on the normal path
// Source: Documentation/RCU/checklist.rst item 15 (an object that was ever published needs a grace period after it is unpublished, on every path, error paths included)
// Kind: fixed
// Pair: rollbackbad

package rollbackfixed

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
		q.Synchronize() // readers may have seen np while it was published
		pool.Put(undone)
		return err
	}
	if had {
		q.Synchronize()
		pool.Put(old)
	}
	return nil
}
