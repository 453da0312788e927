// Case: blob store's Open returns a bytes.Reader over the blob's buffer, which the store recycles after an SRCU grace period
// Source: Documentation/RCU/checklist.rst item 2 (a pointer, or a slice into protected memory, must not outlive the section without a reference); rcu_dereference.rst
// Kind: bad
// Pair: blobreaderfix

package blobreader

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	ErrNotFound = errors.New("blobs: not found")
	ErrCorrupt  = errors.New("blobs: checksum mismatch")
)

type blob struct {
	data []byte // from bufPool; recycled when the blob is replaced
	sum  [sha256.Size]byte
}

var bufPool = sync.Pool{New: func() any { return new([]byte) }}

// Store keeps blobs in memory. Readers verify checksums inside an SRCU
// section because large blobs take a while.
type Store struct {
	dom   rcuapi.SRCU
	blobs rcuapi.Map[string, *blob]
}

// Open returns a reader over the blob stored under key.
func (st *Store) Open(key string) (io.Reader, error) {
	s := st.dom.ReadLock()
	defer st.dom.ReadUnlock(s)
	b, ok := st.blobs.Load(s, key)
	if !ok {
		return nil, ErrNotFound
	}
	if sha256.Sum256(b.data) != b.sum {
		return nil, ErrCorrupt
	}
	return bytes.NewReader(b.data), nil // expect RCU1002
}

// Put stores data under key, recycling the buffer of the blob it replaces
// once no reader can still be looking at it.
func (st *Store) Put(key string, data []byte) {
	buf := *bufPool.Get().(*[]byte)
	buf = append(buf[:0], data...)
	old, ok := st.blobs.Swap(key, &blob{data: buf, sum: sha256.Sum256(buf)})
	if !ok {
		return
	}
	st.dom.Synchronize()
	bufPool.Put(&old.data)
}
