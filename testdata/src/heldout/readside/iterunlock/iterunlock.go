// Case: watcher list traversal drops the section around a network send and keeps iterating
// Source: rcu_read_unlock()/rcu_read_lock() inside list_for_each_entry_rcu() around a sleeping call, a shape the kernel has fixed repeatedly (Documentation/RCU/checklist.rst items 2 and 9)
// Kind: bad
// Pair: iterunlockfix

package iterunlock

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Event struct {
	Kind string
	Body map[string]string
}

type Watcher struct {
	ID       int
	Endpoint string
	Kinds    []string
}

func (w *Watcher) wants(kind string) bool {
	for _, k := range w.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

var (
	watchers rcuapi.List[*Watcher]
	wmu      sync.Mutex
	client   = &http.Client{}
)

// Notify posts ev to every watcher that subscribed to its kind.
func Notify(ev Event) int {
	body, err := json.Marshal(ev)
	if err != nil {
		return 0
	}
	sent := 0
	s := rcuapi.ReadLock()
	for e := range watchers.All(s) {
		if !e.Value.wants(ev.Kind) {
			continue
		}
		ep := e.Value.Endpoint
		rcuapi.ReadUnlock(s) // expect RCU1001
		resp, err := client.Post(ep, "application/json", strings.NewReader(string(body)))
		if err == nil {
			resp.Body.Close()
			sent++
		}
		s = rcuapi.ReadLock()
	}
	rcuapi.ReadUnlock(s)
	return sent
}

// Unsubscribe removes a watcher; nothing to release but memory.
func Unsubscribe(id int) {
	wmu.Lock()
	defer wmu.Unlock()
	for e := range watchers.AllProtected(&wmu) {
		if e.Value.ID == id {
			watchers.Remove(e)
		}
	}
}
