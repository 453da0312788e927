// Case: the fan-out never waits inside the classic section: a full subscriber drops the event
// Source: checklist item 2; fix: make the reader's work non-blocking
// Kind: fixed
// Pair: eventfanoutblocksend

package eventfanoutblocksendfix

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Subscriber receives events on its channel.
type Subscriber struct {
	Topic   string
	ch      chan string
	dropped atomic.Uint64
}

var (
	mu   sync.Mutex
	subs rcuapi.List[*Subscriber]
)

func deliver(sub *Subscriber, event string) {
	select {
	case sub.ch <- event:
	default:
		sub.dropped.Add(1)
	}
}

// Publish hands event to every subscriber of topic that has room for it.
func Publish(topic, event string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range subs.All(s) {
		if e.Value.Topic == topic {
			deliver(e.Value, event)
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
