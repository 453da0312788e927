// Case: a classic read-side fan-out calls a helper that sends on the subscriber's channel and waits while it is full
// Source: checklist item 2 (no blocking in a classic RCU reader); freebsd/drm-kmod PR #237 shows the same mistake with a sleeping lock (https://github.com/freebsd/drm-kmod/pull/237)
// Kind: bad
// Pair: eventfanoutblocksendfix

package eventfanoutblocksend

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Subscriber receives events on its channel.
type Subscriber struct {
	Topic string
	ch    chan string
}

var (
	mu   sync.Mutex
	subs rcuapi.List[*Subscriber]
)

func deliver(sub *Subscriber, event string) {
	sub.ch <- event
}

// Publish hands event to every subscriber of topic. (Assumed position: the
// report belongs on the call inside the section that leads to the send.)
func Publish(topic, event string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range subs.All(s) {
		if e.Value.Topic == topic {
			deliver(e.Value, event) // expect RCU1005
		}
	}
}

// Subscribe adds a subscriber to topic and returns its channel.
func Subscribe(topic string) <-chan string {
	ch := make(chan string, 16)
	mu.Lock()
	subs.PushBack(&Subscriber{Topic: topic, ch: ch})
	mu.Unlock()
	return ch
}
