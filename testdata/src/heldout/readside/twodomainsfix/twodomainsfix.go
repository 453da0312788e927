// Case: block device with separate SRCU domains for metadata and data ends each section on its own domain
// Source: srcu_read_unlock() given the wrong srcu_struct, the slip made when one domain is split in two (Documentation/RCU/checklist.rst item 14: srcu_read_unlock() must name the srcu_struct of its srcu_read_lock())
// Kind: fixed
// Pair: twodomains

package twodomainsfix

import (
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type extent struct {
	off, len int64
	dev      io.ReaderAt
}

type layout struct {
	extents []extent
}

type superblock struct {
	label     string
	blockSize int64
}

type Volume struct {
	mu sync.Mutex

	metaSRCU rcuapi.SRCU // protects sb
	sb       rcuapi.Pointer[superblock]

	dataSRCU rcuapi.SRCU // protects map
	layout   rcuapi.Pointer[layout]
}

// Label returns the volume label.
func (v *Volume) Label() string {
	s := v.metaSRCU.ReadLock()
	l := v.sb.Dereference(s).label
	v.metaSRCU.ReadUnlock(s)
	return l
}

// ReadBlock reads block n; the section may block on the device.
func (v *Volume) ReadBlock(n int64, buf []byte) error {
	ms := v.metaSRCU.ReadLock()
	bs := v.sb.Dereference(ms).blockSize
	v.metaSRCU.ReadUnlock(ms)

	s := v.dataSRCU.ReadLock()
	defer v.dataSRCU.ReadUnlock(s)
	off := n * bs
	for _, e := range v.layout.Dereference(s).extents {
		if off >= e.off && off < e.off+e.len {
			_, err := e.dev.ReadAt(buf[:bs], off-e.off)
			return err
		}
	}
	return io.ErrUnexpectedEOF
}

// Grow publishes a larger layout and waits for the data readers.
func (v *Volume) Grow(next *layout) {
	v.mu.Lock()
	v.layout.Replace(next, &v.mu)
	v.mu.Unlock()
	v.dataSRCU.Synchronize()
}
