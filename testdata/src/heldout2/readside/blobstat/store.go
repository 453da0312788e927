// Case: blob store's Stat reads a classic-RCU route and then an SRCU-protected blob index, and the copied deferred unlock ends the SRCU section with the classic ReadUnlock
// Source: Documentation/RCU/checklist.rst items 7 and 14 (srcu_read_unlock() must be passed the srcu_struct that srcu_read_lock() used; flavours do not mix)
// Kind: bad
// Pair: blobstatfix

package blobstat

import (
	"errors"
	"os"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNotFound = errors.New("blob: not found")

type placement struct {
	volumes map[string]string // bucket -> volume directory
}

type blob struct {
	path string
	size int64
}

type Info struct {
	Size    int64
	ModTime time.Time
}

// Store keeps its placement under classic RCU (readers never block) and its
// blob index under an SRCU domain (readers stat files inside the section).
type Store struct {
	mu        sync.Mutex
	placement rcuapi.Pointer[placement]
	dom       rcuapi.SRCU
	index     rcuapi.Map[string, *blob] // volume/key -> blob
}

// Stat describes a blob.
func (st *Store) Stat(bucket, key string) (Info, error) {
	rs := rcuapi.ReadLock()
	vol, ok := st.placement.Dereference(rs).volumes[bucket]
	rcuapi.ReadUnlock(rs)
	if !ok {
		return Info{}, ErrNotFound
	}

	bs := st.dom.ReadLock()
	defer rcuapi.ReadUnlock(bs) // expect RCU1004
	b, ok := st.index.Load(bs, vol+"/"+key)
	if !ok {
		return Info{}, ErrNotFound
	}
	fi, err := os.Stat(b.path)
	if err != nil {
		return Info{}, err
	}
	return Info{Size: b.size, ModTime: fi.ModTime()}, nil
}

// Delete drops a blob from the index and removes its file once no reader
// can still be using the path.
func (st *Store) Delete(vol, key string) error {
	b, ok := st.index.Delete(vol + "/" + key)
	if !ok {
		return ErrNotFound
	}
	st.dom.Synchronize()
	return os.Remove(b.path)
}
