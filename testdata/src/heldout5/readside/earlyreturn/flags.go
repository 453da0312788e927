// Case: earlyreturn
// Source: Documentation/RCU/checklist.rst item 2 (every rcu_read_lock() needs its rcu_read_unlock() on every path); kernel fixes adding a missing rcu_read_unlock() on an error path
// Kind: bad
// Pair: -
package earlyreturn

import (
	"errors"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Rollout struct {
	Percent int
	Allow   map[string]bool
}

type Flags struct {
	rollouts rcuapi.Pointer[map[string]Rollout]
}

var errUnknownFlag = errors.New("unknown flag")

// Enabled decides a flag for a user bucket (0-99).
func (f *Flags) Enabled(flag, user string, bucket int) (bool, error) {
	s := rcuapi.ReadLock()
	m := f.rollouts.Dereference(s)
	r, ok := (*m)[flag]
	if !ok {
		return false, errUnknownFlag // expect RCU1003
	}
	on := r.Allow[user] || bucket < r.Percent
	rcuapi.ReadUnlock(s)
	return on, nil
}
