// Case: a function with a deferred ReadUnlock and several returns hands out interior slices of the protected layout (bcachefs target mask)
// Source: koverstreet/bcachefs-tools PR #871 "targets: copy the target mask out of RCU, don't hand out interior pointers" (https://github.com/koverstreet/bcachefs-tools/pull/871)
// Kind: bad
// Pair: bcachefstargetmaskfix

package bcachefstargetmask

import (
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

// GroupMask returns the mask of the devices labelled label.
func GroupMask(label string) []byte {
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
	return g.Devs // expect RCU1002
}

// DiskMask returns the mask of the named device.
func DiskMask(name string) []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	d, ok := layout.Dereference(s).disks[name]
	if !ok {
		return nil
	}
	return d.Self // expect RCU1002
}

// MayAllocate reports whether device dev belongs to target.
func MayAllocate(target string, dev int) bool {
	m := GroupMask(target)
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
