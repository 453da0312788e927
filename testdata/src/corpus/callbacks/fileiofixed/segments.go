// Case: log writer's retire callback starts a goroutine that syncs, closes and renames the old segment
// Source: Linux ipc/util.c ipc_schedule_free ("Since RCU callback function is called in bh, we need to defer the vfree to schedule_work"), https://manpages.org/ipc_schedule_free/9; Documentation/RCU/checklist.rst item 5
// Kind: fixed
// Pair: fileiobad

package fileiofixed

import (
	"os"
	"path/filepath"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type segment struct {
	f    *os.File
	name string
}

var (
	mu     sync.Mutex
	active rcuapi.Pointer[segment]
)

// Current returns the name of the active segment.
func Current() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if seg := active.Dereference(s); seg != nil {
		return seg.name
	}
	return ""
}

// seal flushes the segment to disk and closes it.
func (s *segment) seal() error {
	if err := s.f.Sync(); err != nil {
		return err
	}
	return s.f.Close()
}

// archive seals the segment and moves it into dir.
func (s *segment) archive(dir string) {
	if s.seal() == nil {
		os.Rename(s.name, filepath.Join(dir, filepath.Base(s.name)))
	}
}

// Rotate starts a new segment file; the old one is archived after a grace
// period.
func Rotate(name, archiveDir string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	ns := &segment{f: f, name: name}
	mu.Lock()
	old := active.Replace(ns, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() {
			go old.archive(archiveDir) // file I/O off the callback goroutine
		})
	}
	return nil
}
