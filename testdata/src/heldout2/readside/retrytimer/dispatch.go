// Case: webhook dispatcher schedules a retry with time.AfterFunc whose closure captures the subscription found under the section
// Source: Documentation/RCU/checklist.rst item 2 (a pointer may not leave the read-side section without a reference); rcu_dereference.rst on pointers handed to code that runs later
// Kind: bad
// Pair: retrytimerfix

package retrytimer

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

const maxAttempts = 6

// Subscription is one webhook target. Its signing key is scrubbed when the
// subscription is removed, after a grace period.
type Subscription struct {
	ID      string
	URL     string
	Secret  []byte
	Backoff time.Duration
}

type Dispatcher struct {
	subs rcuapi.Map[string, *Subscription]
	send func(url string, secret, body []byte) error
}

// scheduleRetry arranges another delivery attempt of body. It reports false
// when the subscription is gone and the event is dropped.
func (d *Dispatcher) scheduleRetry(id string, body []byte, attempt int) bool {
	s := rcuapi.ReadLock()
	sub, ok := d.subs.Load(s, id)
	if !ok {
		rcuapi.ReadUnlock(s)
		return false
	}
	delay := sub.Backoff << attempt
	time.AfterFunc(delay, func() { d.retry(*sub, body, attempt+1) }) // expect RCU1002
	rcuapi.ReadUnlock(s)
	return true
}

func (d *Dispatcher) retry(sub Subscription, body []byte, attempt int) {
	if err := d.send(sub.URL, sub.Secret, body); err != nil && attempt < maxAttempts {
		d.scheduleRetry(sub.ID, body, attempt)
	}
}

// Subscribe adds or replaces a subscription.
func (d *Dispatcher) Subscribe(sub *Subscription) {
	if old, ok := d.subs.Swap(sub.ID, sub); ok {
		d.scrub(old)
	}
}

// Unsubscribe removes a subscription.
func (d *Dispatcher) Unsubscribe(id string) {
	if old, ok := d.subs.Delete(id); ok {
		d.scrub(old)
	}
}

// scrub wipes the key of a subscription that is no longer published, once
// no reader can still be using it.
func (d *Dispatcher) scrub(old *Subscription) {
	rcuapi.Synchronize()
	clear(old.Secret)
}
