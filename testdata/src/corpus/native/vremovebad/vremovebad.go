// Case: a rotation stores the snapshot for the new file and removes the file of the snapshot it replaced, which readers may be about to open
// Source: idiom: the retire step of hashicorp/boundary PR #2435 https://github.com/hashicorp/boundary/pull/2435 (destroy the replaced value right after publishing the new one), with os.Remove as the destroy, as certificate and state-file rotators do
// Kind: bad
// Pair: vremovefixed

package vremovebad

import (
	"os"
	"sync"
	"sync/atomic"
)

type snapshot struct {
	path string
	gen  int
}

type store struct {
	mu  sync.Mutex // serialises rotate
	cur atomic.Pointer[snapshot]
}

// read is the read side: it opens the current snapshot's file.
func (s *store) read() ([]byte, error) {
	return os.ReadFile(s.cur.Load().path)
}

// rotate publishes a snapshot written to path and deletes the previous file.
func (s *store) rotate(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.cur.Load()
	s.cur.Store(&snapshot{path: path, gen: prev.gen + 1})
	return os.Remove(prev.path) // expect RCU7004
}
