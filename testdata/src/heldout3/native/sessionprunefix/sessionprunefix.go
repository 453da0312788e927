// Case: session store's Lookup treats an expired session as missing and leaves its removal to the next rebuild
// Source: Documentation/RCU/checklist.rst item 3 (readers never modify the protected structure); "concurrent map read and map write" crashes from maps shared through atomic snapshots in Go services
// Kind: fixed
// Pair: native/sessionprune

package sessionprunefix

import (
	"sync"
	"sync/atomic"
	"time"
)

type session struct {
	user    string
	expires time.Time
}

type sessionTable struct {
	byID  map[string]session
	built time.Time
}

// Store is rebuilt from the session database every minute by Rebuild.
type Store struct {
	mu  sync.Mutex
	tbl atomic.Pointer[sessionTable]
}

func (s *Store) Rebuild(rows map[string]session, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &sessionTable{byID: make(map[string]session, len(rows)), built: now}
	for id, sess := range rows {
		if now.Before(sess.expires) {
			t.byID[id] = sess
		}
	}
	s.tbl.Store(t)
}

// Lookup runs on every request.
func (s *Store) Lookup(id string, now time.Time) (string, bool) {
	t := s.tbl.Load()
	if t == nil {
		return "", false
	}
	sess, ok := t.byID[id]
	if !ok {
		return "", false
	}
	if now.After(sess.expires) {
		// the next Rebuild drops it
		return "", false
	}
	return sess.user, true
}
