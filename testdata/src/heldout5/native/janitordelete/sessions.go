// Case: janitordelete
// Source: moby/libnetwork PR #1605 (a map shared with readers changed in place); TiDB issue #23748; Documentation/RCU/checklist.rst item 3
// Kind: bad
// Pair: native/janitordeletefix
package janitordelete

import (
	"sync"
	"sync/atomic"
	"time"
)

type Session struct {
	User    string
	Expires time.Time
}

type Store struct {
	mu       sync.Mutex
	sessions atomic.Pointer[map[string]Session]
}

func (s *Store) Lookup(token string) (Session, bool) {
	m := *s.sessions.Load()
	v, ok := m[token]
	return v, ok
}

// StartJanitor expires sessions in the background.
func (s *Store) StartJanitor(every time.Duration, stop <-chan struct{}) {
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case now := <-t.C:
				s.mu.Lock()
				live := *s.sessions.Load()
				for tok, v := range live {
					if now.After(v.Expires) {
						delete(live, tok) // expect RCU7002
					}
				}
				s.mu.Unlock()
			}
		}
	}()
}
