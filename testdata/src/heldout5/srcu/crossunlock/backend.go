// Case: crossunlock
// Source: Documentation/RCU/checklist.rst items 7 and 14 (srcu_read_unlock() on the srcu_struct that srcu_read_lock() used); kernel fixes pairing srcu_read_lock() with rcu_read_unlock()
// Kind: bad
// Pair: -
package crossunlock

import (
	"io"
	"os"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Blob struct {
	Path string
	Size int64
}

type Store struct {
	domain *rcuapi.SRCU
	index  rcuapi.Pointer[map[string]Blob]
}

func NewStore() *Store { return &Store{domain: rcuapi.NewSRCU("blobstore")} }

// Copy streams a blob to w; readers of this domain may block on disk I/O.
func (st *Store) Copy(w io.Writer, key string) error {
	s := st.domain.ReadLock()
	b, ok := (*st.index.Dereference(s))[key]
	if !ok {
		st.domain.ReadUnlock(s)
		return os.ErrNotExist
	}
	f, err := os.Open(b.Path)
	if err == nil {
		_, err = io.Copy(w, f)
		f.Close()
	}
	rcuapi.ReadUnlock(s) // expect RCU1004
	return err
}
