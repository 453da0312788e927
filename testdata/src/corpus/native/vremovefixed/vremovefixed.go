// Case: readers register in a WaitGroup of the snapshot they loaded; rotation waits for that group before removing the old file
// Source: idiom: a real wait on the readers of the replaced value (the WaitGroup of in-flight work that caddy@v2.11.9 relies on when it stops the old context after swapping currentCtx, via http.Server.Shutdown), with os.Remove as the destroy
// Kind: fixed
// Pair: vremovebad

package vremovefixed

import (
	"os"
	"sync"
	"sync/atomic"
)

type snapshot struct {
	path    string
	gen     int
	readers sync.WaitGroup
}

type store struct {
	mu  sync.Mutex // serialises rotate; readers take it only to join a snapshot
	cur atomic.Pointer[snapshot]
}

func (s *store) acquire() *snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.cur.Load()
	snap.readers.Add(1)
	return snap
}

// read is the read side: it opens the current snapshot's file.
func (s *store) read() ([]byte, error) {
	snap := s.acquire()
	defer snap.readers.Done()
	return os.ReadFile(snap.path)
}

// rotate publishes a snapshot written to path and deletes the previous file.
func (s *store) rotate(path string) error {
	s.mu.Lock()
	prev := s.cur.Load()
	s.cur.Store(&snapshot{path: path, gen: prev.gen + 1})
	s.mu.Unlock()
	prev.readers.Wait()
	return os.Remove(prev.path)
}
