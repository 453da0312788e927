// Case: watcher list traversal copies the endpoints out, then sends after the section
// Source: rcu_read_unlock()/rcu_read_lock() inside list_for_each_entry_rcu() around a sleeping call, a shape the kernel has fixed repeatedly (Documentation/RCU/checklist.rst items 2 and 9)
// Kind: fixed
// Pair: iterunlock

package iterunlockfix

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

// targets returns the endpoints subscribed to kind; strings are values.
func targets(kind string) []string {
	var eps []string
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range watchers.All(s) {
		if e.Value.wants(kind) {
			eps = append(eps, e.Value.Endpoint)
		}
	}
	return eps
}

// Notify posts ev to every watcher that subscribed to its kind.
func Notify(ev Event) int {
	body, err := json.Marshal(ev)
	if err != nil {
		return 0
	}
	sent := 0
	for _, ep := range targets(ev.Kind) {
		resp, err := client.Post(ep, "application/json", strings.NewReader(string(body)))
		if err == nil {
			resp.Body.Close()
			sent++
		}
	}
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
