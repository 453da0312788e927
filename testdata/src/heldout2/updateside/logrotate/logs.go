// Case: log multiplexer rotates a stream by swapping the file in its rcuapi.Map and closing the old file at once, while SRCU readers may still be writing to it
// Source: Documentation/RCU/checklist.rst item 15 (do not destroy what a reader may hold before a grace period); whatisRCU.rst, synchronize_srcu() before release
// Kind: bad
// Pair: logrotatefix

package logrotate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoStream = errors.New("logs: unknown stream")

// Logs writes to one file per stream. Writers hold an SRCU section around
// the write, which may block on the disk.
type Logs struct {
	dir   string
	dom   rcuapi.SRCU
	files rcuapi.Map[string, *os.File]
}

// Write appends p to the named stream.
func (l *Logs) Write(stream string, p []byte) error {
	s := l.dom.ReadLock()
	defer l.dom.ReadUnlock(s)
	f, ok := l.files.Load(s, stream)
	if !ok {
		return ErrNoStream
	}
	_, err := f.Write(p)
	return err
}

// Rotate starts a new file for stream and closes the previous one.
func (l *Logs) Rotate(stream string, now time.Time) error {
	name := filepath.Join(l.dir, fmt.Sprintf("%s-%s.log", stream, now.Format("20060102T150405")))
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return err
	}
	old, ok := l.files.Swap(stream, f)
	if !ok {
		return nil
	}
	return old.Close() // expect RCU2004
}
