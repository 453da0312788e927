// Case: packet-buffer cache stamps each unlinked buffer with a polled grace-period cookie taken after the unlink, and reuses a buffer only once PollState says its grace period is over
// Source: idiom: Linux polled grace-period API (start_poll_synchronize_rcu() after removal, poll_state_synchronize_rcu() before reuse), as in "rcu: Provide polling interfaces for Tree RCU grace periods" and the SLAB_TYPESAFE_BY_RCU-style recycling it enables
// Kind: idiom

package polledreuse

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type buffer struct {
	flow uint64
	data []byte
}

type freed struct {
	b  *buffer
	gp rcuapi.GPState
}

var (
	mu      sync.Mutex
	inUse   rcuapi.Map[uint64, *buffer] // by flow; read under classic RCU
	free    []freed                     // guarded by mu, oldest first
	maxFree = 1024
)

// Peek copies up to len(dst) bytes of flow's buffer.
func Peek(flow uint64, dst []byte) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	b, ok := inUse.Load(s, flow)
	if !ok {
		return 0
	}
	return copy(dst, b.data)
}

// Attach gives flow a buffer of n bytes, reusing a freed one whose grace
// period has completed.
func Attach(flow uint64, n int) {
	mu.Lock()
	defer mu.Unlock()
	var b *buffer
	if len(free) > 0 && rcuapi.PollState(free[0].gp) {
		b = free[0].b
		free = free[1:]
	} else {
		b = new(buffer)
	}
	b.flow = flow
	b.data = append(b.data[:0], make([]byte, n)...)
	if old, ok := inUse.Swap(flow, b); ok {
		free = append(free, freed{b: old, gp: rcuapi.StartPoll()})
	}
}

// Detach unlinks flow's buffer; it is stamped with a cookie taken after
// the unlink, so readers that could have found it are covered.
func Detach(flow uint64) {
	mu.Lock()
	defer mu.Unlock()
	old, ok := inUse.Delete(flow)
	if !ok {
		return
	}
	if len(free) < maxFree {
		free = append(free, freed{b: old, gp: rcuapi.StartPoll()})
	}
}
