// Case: RCU callback hands the blocking part of a retirement (flushing a file) to a goroutine instead of doing it itself
// Source: idiom: RCU callbacks must not block, so blocking teardown is handed to other context, as ipc_schedule_free() defers vfree() from its callback to a work item
// Kind: idiom

package cbhandoff

import (
	"bufio"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type journal struct {
	f *os.File
	w *bufio.Writer
}

// close flushes and closes the journal file: file I/O, may block.
func (j *journal) close() {
	j.w.Flush()
	j.f.Sync()
	j.f.Close()
}

type Log struct {
	mu      sync.Mutex
	cur     rcuapi.Pointer[journal]
	closers sync.WaitGroup
}

// Rotate opens a new journal and closes the old one once no writer can
// still be appending to it.
func (l *Log) Rotate(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	l.mu.Lock()
	old := l.cur.Replace(&journal{f: f, w: bufio.NewWriter(f)}, &l.mu)
	l.mu.Unlock()
	if old == nil {
		return nil
	}
	l.closers.Add(1)
	rcuapi.Call(func() {
		go func() {
			defer l.closers.Done()
			old.close()
		}()
	})
	return nil
}

// Buffered reports how many bytes wait in the current journal's buffer.
func (l *Log) Buffered() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if j := l.cur.Dereference(s); j != nil {
		return j.w.Buffered()
	}
	return 0
}

// Close waits for every retired journal to be closed.
func (l *Log) Close() {
	rcuapi.Barrier()
	l.closers.Wait()
}
