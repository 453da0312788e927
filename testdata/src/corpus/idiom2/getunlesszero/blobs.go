// Case: blob store looks a blob up under a classic section and takes a reference with an increment-unless-zero loop on the blob's own counter before the section ends; the caller uses it afterwards and drops the reference, the last one closing the file
// Source: idiom: kref_get_unless_zero()/refcount_inc_not_zero() under rcu_read_lock(), the standard way to keep an RCU-found object past the section (Documentation/RCU/rcuref.rst); rcuvet issue 13 item 2
// Kind: idiom

package getunlesszero

import (
	"os"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Blob is an open file shared by its readers.
type Blob struct {
	name string
	f    *os.File
	refs atomic.Int64 // 1 while in the store, plus one per user
}

// tryGet takes a reference unless the last one is already gone.
func (b *Blob) tryGet() bool {
	for {
		n := b.refs.Load()
		if n == 0 {
			return false
		}
		if b.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// Put drops a reference; the last one closes the file.
func (b *Blob) Put() {
	if b.refs.Add(-1) == 0 {
		b.f.Close()
	}
}

// ReadAt reads from the blob; the caller holds a reference.
func (b *Blob) ReadAt(p []byte, off int64) (int, error) { return b.f.ReadAt(p, off) }

var (
	mu    sync.Mutex
	blobs rcuapi.Map[string, *Blob]
)

// Get returns the named blob with a reference held, or false.
func Get(name string) (*Blob, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	b, ok := blobs.Load(s, name)
	if !ok || !b.tryGet() {
		return nil, false
	}
	return b, true
}

// Add opens path as the blob name.
func Add(name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	b := &Blob{name: name, f: f}
	b.refs.Store(1)
	mu.Lock()
	old, ok := blobs.Swap(name, b)
	mu.Unlock()
	if ok {
		rcuapi.Synchronize()
		old.Put() // the store's reference
	}
	return nil
}

// Remove unlinks the blob; its file closes when the last user puts it.
func Remove(name string) {
	mu.Lock()
	old, ok := blobs.Delete(name)
	mu.Unlock()
	if ok {
		rcuapi.Synchronize()
		old.Put()
	}
}
