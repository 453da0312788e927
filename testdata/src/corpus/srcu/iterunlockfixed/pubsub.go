// Case: pub/sub flusher pins the matching subscribers inside the SRCU section, ends the walk and the section, then does the slow flushes
// Source: list_for_each_entry_rcu() kernel-doc (the whole traversal must be guarded by the read lock; dropping it around a sleeping call leaves the cursor unprotected), http://man.docs.sk/9/list_for_each_entry_rcu.html; rcuvet issue 13 item 7
// Kind: fixed
// Pair: iterunlockbad

package iterunlockfixed

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
// so the subscribers are pinned by a reference inside the section and
// written to after it, keeping Unsubscribe's grace period short.
func Flush(topic string, msg []byte) {
	var pinned []*subscriber
	sec := dom.ReadLock()
	for e := range subs.All(sec) {
		if sub := e.Value; sub.topic == topic && sub.tryGet() {
			pinned = append(pinned, sub)
		}
	}
	dom.ReadUnlock(sec)
	for _, sub := range pinned {
		sub.w.Write(msg)
		sub.put()
	}
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
