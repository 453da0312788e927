// Case: subscription list deduplicates and appends under two different locks
// Source: list_add_rcu() callers that check-then-add under different locks insert duplicates (Documentation/RCU/checklist.rst item 1; rculist.h: list mutators need the updaters' own exclusion)
// Kind: bad
// Pair: listupdatersfix

package listupdaters

import (
	"encoding/json"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type sub struct {
	Topic string
	Queue string
}

type Broker struct {
	mu     sync.Mutex // API updaters
	loadMu sync.Mutex // serialises Restore calls
	subs   rcuapi.List[sub]
}

func (b *Broker) hasLocked(held sync.Locker, s sub) bool {
	for e := range b.subs.AllProtected(held) {
		if e.Value == s {
			return true
		}
	}
	return false
}

// Subscribe adds s unless it is already there.
func (b *Broker) Subscribe(s sub) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.hasLocked(&b.mu, s) {
		b.subs.PushBack(s)
	}
}

// Restore re-adds the subscriptions saved in path, skipping known ones.
func (b *Broker) Restore(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var saved []sub
	if err := json.Unmarshal(data, &saved); err != nil {
		return err
	}
	b.loadMu.Lock()
	defer b.loadMu.Unlock()
	for _, s := range saved {
		if !b.hasLocked(&b.loadMu, s) {
			b.subs.PushBack(s) // expect RCU2003
		}
	}
	return nil
}

// Queues returns the queues subscribed to topic.
func (b *Broker) Queues(topic string) []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var qs []string
	for e := range b.subs.All(s) {
		if e.Value.Topic == topic {
			qs = append(qs, e.Value.Queue)
		}
	}
	return qs
}
