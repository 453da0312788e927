// Case: the setter stores a private copy of its argument and the getter returns a copy of the stored value
// Source: idiom: github.com/containerd/containerd/v2@v2.4.2 core/runtime/v2/shim.go shim.recordTaskDeleteResult and taskDeleteResult ("neither the caller nor a later retry can mutate the cached result")
// Kind: idiom
// Pair: none

package icopyinout

import (
	"sync/atomic"
	"time"
)

// Exit is a task's exit result.
type Exit struct {
	Pid       uint32
	Status    uint32
	Timestamp time.Time
}

type shim struct {
	taskDeleteExit atomic.Pointer[Exit]
}

func (s *shim) recordTaskDeleteResult(exit *Exit) {
	cached := *exit
	s.taskDeleteExit.Store(&cached)
}

// taskDeleteResult hands out a copy of what was recorded, or nil.
func (s *shim) taskDeleteResult() *Exit {
	cached := s.taskDeleteExit.Load()
	if cached == nil {
		return nil
	}
	exit := *cached
	return &exit
}

// deleteTask retries a delete and fixes up the result it returns to the caller.
func (s *shim) deleteTask(del func() (*Exit, error)) (*Exit, error) {
	if e := s.taskDeleteResult(); e != nil {
		e.Timestamp = e.Timestamp.UTC()
		return e, nil
	}
	e, err := del()
	if err != nil {
		return nil, err
	}
	s.recordTaskDeleteResult(e)
	e.Timestamp = e.Timestamp.UTC()
	return e, nil
}
