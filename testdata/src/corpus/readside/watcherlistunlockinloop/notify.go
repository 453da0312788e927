// Case: list_for_each_entry_rcu with rcu_read_unlock()/rcu_read_lock() inside the body around a blocking send: the iteration continues on a section that has ended
// Source: issue 13 item 7 (the kernel has fixed this shape several times: rcu_read_unlock inside list_for_each_entry_rcu around a sleeping call); whatisRCU: a reference may not be carried from one section into the next (http://kerneltrap.org/mailarchive/linux-kernel/2007/10/7/331165)
// Kind: bad
// Pair: watcherlistunlockinloopfix

package watcherlistunlockinloop

import (
	"net"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Watcher is a remote subscriber to configuration events.
type Watcher struct {
	ID   int
	Addr string
}

var (
	mu       sync.Mutex
	watchers rcuapi.List[*Watcher]
)

func deliver(addr, event string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Write([]byte(event))
	return err
}

// Broadcast sends event to every watcher. Delivery blocks, so the section is
// dropped around it (the report belongs on the ReadUnlock in the body: the
// iterator keeps walking the list under the section ended there).
func Broadcast(event string) (failed int) {
	s := rcuapi.ReadLock()
	for e := range watchers.All(s) {
		addr := e.Value.Addr
		rcuapi.ReadUnlock(s) // expect RCU1001
		if deliver(addr, event) != nil {
			failed++
		}
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
	return failed
}

// Unwatch removes the watcher with the given id.
func Unwatch(id int) {
	mu.Lock()
	defer mu.Unlock()
	for e := range watchers.AllProtected(&mu) {
		if e.Value.ID == id {
			watchers.Remove(e)
		}
	}
}
