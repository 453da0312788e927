// Case: volume manager whose I/O path holds a section of the volume SRCU domain while it waits for a grace period of the separate snapshot SRCU domain
// Source: idiom: synchronize_srcu() on one srcu_struct inside a read-side section of a different srcu_struct is allowed (Documentation/RCU/whatisRCU.rst and checklist.rst item 14: only the same srcu_struct deadlocks)
// Kind: idiom

package srcucrossdomain

import (
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type volume struct {
	name string
	dev  io.WriterAt
}

type snapshot struct {
	id    string
	dirty map[int64]bool
}

type Manager struct {
	mu        sync.Mutex
	volDom    rcuapi.SRCU // readers: the I/O path
	volumes   rcuapi.Map[string, *volume]
	snapDom   rcuapi.SRCU // readers: snapshot copy-out jobs
	snapshots rcuapi.Map[string, *snapshot]
}

// DropSnapshotAndWrite removes a volume's snapshot, waits until no copy-out
// job can still be reading it, and then writes to the volume: the write
// must not be seen by a copy-out of the dropped snapshot.
func (m *Manager) DropSnapshotAndWrite(vol string, off int64, data []byte) error {
	s := m.volDom.ReadLock()
	defer m.volDom.ReadUnlock(s)
	v, ok := m.volumes.Load(s, vol)
	if !ok {
		return io.ErrClosedPipe
	}
	if _, had := m.snapshots.Delete(vol); had {
		m.snapDom.Synchronize()
	}
	_, err := v.dev.WriteAt(data, off)
	return err
}

// CopyOut reads a snapshot's dirty map for a backup job.
func (m *Manager) CopyOut(vol string, emit func(off int64) error) error {
	s := m.snapDom.ReadLock()
	defer m.snapDom.ReadUnlock(s)
	sn, ok := m.snapshots.Load(s, vol)
	if !ok {
		return nil
	}
	for off := range sn.dirty {
		if err := emit(off); err != nil {
			return err
		}
	}
	return nil
}

// Snapshot starts a snapshot of vol.
func (m *Manager) Snapshot(vol, id string) {
	m.snapshots.Store(vol, &snapshot{id: id, dirty: map[int64]bool{}})
}
