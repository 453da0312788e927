// Case: the target mask is copied into the caller's buffer (or cloned) before the section ends (bcachefs target mask fix)
// Source: koverstreet/bcachefs-tools PR #871 "targets: copy the target mask out of RCU, don't hand out interior pointers" (https://github.com/koverstreet/bcachefs-tools/pull/871)
// Kind: fixed
// Pair: bcachefstargetmask

package bcachefstargetmaskfix

import (
	"slices"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Disk is one member device; Self is its one-bit device mask.
type Disk struct {
	Self []byte
}

// Group is a label group: the devices that carry the label.
type Group struct {
	Label string
	Devs  []byte
}

// Layout is the set of devices and label groups, replaced as a whole when a
// device or a label changes.
type Layout struct {
	disks  map[string]*Disk
	groups []Group
}

var (
	mu     sync.Mutex
	layout rcuapi.Pointer[Layout]
	masks  = sync.Pool{New: func() any { return make([]byte, 32) }}
)

func (l *Layout) group(label string) *Group {
	for i := range l.groups {
		if l.groups[i].Label == label {
			return &l.groups[i]
		}
	}
	return nil
}

// GroupMask appends the mask of the devices labelled label to dst[:0].
func GroupMask(label string, dst []byte) []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	l := layout.Dereference(s)
	if l == nil {
		return nil
	}
	g := l.group(label)
	if g == nil {
		return nil
	}
	return append(dst[:0], g.Devs...)
}

// DiskMask returns a copy of the mask of the named device.
func DiskMask(name string) []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	d, ok := layout.Dereference(s).disks[name]
	if !ok {
		return nil
	}
	return slices.Clone(d.Self)
}

// MayAllocate reports whether device dev belongs to target.
func MayAllocate(target string, dev int) bool {
	var buf [32]byte
	m := GroupMask(target, buf[:0])
	if m == nil {
		m = DiskMask(target)
	}
	return dev/8 < len(m) && m[dev/8]&(1<<(dev%8)) != 0
}

// SetLayout publishes next and recycles the old masks after a grace period.
func SetLayout(next *Layout) {
	mu.Lock()
	old := layout.Replace(next, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Call(func() {
		for _, g := range old.groups {
			masks.Put(g.Devs)
		}
		for _, d := range old.disks {
			masks.Put(d.Self)
		}
	})
}
