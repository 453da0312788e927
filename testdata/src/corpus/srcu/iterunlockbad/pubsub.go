// Case: pub/sub flusher pins a subscriber, ends its SRCU section around the slow flush, re-enters, and keeps walking the list iterator of the ended section
// Source: list_for_each_entry_rcu() kernel-doc (the whole traversal must be guarded by the read lock; dropping it around a sleeping call leaves the cursor unprotected), http://man.docs.sk/9/list_for_each_entry_rcu.html; rcuvet issue 13 item 7
// Kind: bad
// Pair: iterunlockfixed

package iterunlockbad

import (
	"io"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type subscriber struct {
	topic string
	w     io.WriteCloser
	refs  atomic.Int32 // 1 while subscribed, plus one per flusher using it
}

// tryGet takes a reference unless the subscriber is already going away.
func (s *subscriber) tryGet() bool {
	for {
		n := s.refs.Load()
		if n == 0 {
			return false
		}
		if s.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// put drops a reference; the last one closes the writer.
func (s *subscriber) put() {
	if s.refs.Add(-1) == 0 {
		s.w.Close()
	}
}

var (
	dom  rcuapi.SRCU
	mu   sync.Mutex
	subs rcuapi.List[*subscriber]
)

// Subscribe adds w for topic.
func Subscribe(topic string, w io.WriteCloser) {
	s := &subscriber{topic: topic, w: w}
	s.refs.Store(1)
	mu.Lock()
	subs.PushBack(s)
	mu.Unlock()
}

// Flush writes msg to every subscriber of topic. A write can take seconds,
// so the section is left around it to keep Unsubscribe's grace period
// short; the subscriber itself is pinned by a reference.
func Flush(topic string, msg []byte) {
	sec := dom.ReadLock()
	for e := range subs.All(sec) {
		sub := e.Value
		if sub.topic != topic || !sub.tryGet() {
			continue
		}
		dom.ReadUnlock(sec) // expect RCU1001
		sub.w.Write(msg)
		sub.put()
		sec = dom.ReadLock()
	}
	dom.ReadUnlock(sec)
}

// Unsubscribe removes every subscriber of topic; each one's writer is
// closed by whoever drops the last reference.
func Unsubscribe(topic string) {
	var gone []*subscriber
	mu.Lock()
	for e := range subs.AllProtected(&mu) {
		if e.Value.topic == topic {
			subs.Remove(e)
			gone = append(gone, e.Value)
		}
	}
	mu.Unlock()
	dom.Synchronize()
	for _, s := range gone {
		s.put()
	}
}
