// Case: object store finds a multipart upload under a section, pins it with an increment-unless-zero reference inside the section, and writes parts into it after the section ended
// Source: idiom: a reference taken inside the section keeps the object alive after it (Documentation/RCU/rcuref.rst, atomic_inc_not_zero; whatisRCU.rst)
// Kind: idiom

package trygetpin

import (
	"errors"
	"os"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Upload struct {
	ID   string
	file *os.File
	refs atomic.Int32 // 1 while listed, +1 per writer; 0 once aborted
}

func (u *Upload) tryGet() bool {
	for {
		n := u.refs.Load()
		if n == 0 {
			return false
		}
		if u.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (u *Upload) put() {
	if u.refs.Add(-1) == 0 {
		u.file.Close()
		os.Remove(u.file.Name())
	}
}

type Store struct {
	uploads rcuapi.Map[string, *Upload]
}

var ErrNoUpload = errors.New("no such upload")

func (st *Store) WritePart(id string, off int64, data []byte) error {
	s := rcuapi.ReadLock()
	u, ok := st.uploads.Load(s, id)
	if ok && !u.tryGet() {
		ok = false
	}
	rcuapi.ReadUnlock(s)
	if !ok {
		return ErrNoUpload
	}
	defer u.put()
	_, err := u.file.WriteAt(data, off)
	return err
}

// Abort unlists the upload and drops the listing's reference after a grace period.
func (st *Store) Abort(id string) {
	if u, ok := st.uploads.Delete(id); ok {
		rcuapi.Synchronize()
		u.put()
	}
}
