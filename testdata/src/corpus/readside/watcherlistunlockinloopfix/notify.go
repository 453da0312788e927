// Case: the addresses are copied out under one section, and delivery blocks only after it has ended
// Source: issue 13 item 7; the usual kernel fix: collect what is needed under rcu_read_lock(), then do the sleeping work outside
// Kind: fixed
// Pair: watcherlistunlockinloop

package watcherlistunlockinloopfix

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

// Broadcast sends event to every watcher.
func Broadcast(event string) (failed int) {
	var addrs []string
	s := rcuapi.ReadLock()
	for e := range watchers.All(s) {
		addrs = append(addrs, e.Value.Addr)
	}
	rcuapi.ReadUnlock(s)
	for _, addr := range addrs {
		if deliver(addr, event) != nil {
			failed++
		}
	}
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
