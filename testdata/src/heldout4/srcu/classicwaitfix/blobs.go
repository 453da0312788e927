// Case: artifact server waits for a grace period of its streams' SRCU domain before deleting replaced blob files
// Source: Documentation/RCU/checklist.rst item 7 (synchronize_rcu() does not wait for srcu_read_lock() readers); container registry garbage collection after a manifest swap
// Kind: fixed
// Pair: srcu/classicwait

package classicwaitfix

import (
	"io"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Manifest struct {
	Digest string
	Blobs  []string // file paths
}

type Server struct {
	mu       sync.Mutex
	streams  rcuapi.SRCU
	manifest rcuapi.Pointer[Manifest]
}

func (sv *Server) Stream(w io.Writer, i int) error {
	s := sv.streams.ReadLock()
	defer sv.streams.ReadUnlock(s)
	m := sv.manifest.Dereference(s)
	f, err := os.Open(m.Blobs[i])
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

func (sv *Server) Swap(m *Manifest) {
	sv.mu.Lock()
	old := sv.manifest.Replace(m, &sv.mu)
	sv.mu.Unlock()
	if old == nil {
		return
	}
	sv.streams.Synchronize()
	for _, p := range old.Blobs {
		os.Remove(p)
	}
}
