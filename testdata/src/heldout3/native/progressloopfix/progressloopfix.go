// Case: batch job publishes a fresh progress record after every file
// Source: Documentation/RCU/checklist.rst item 4 (no writes after publication) and item 3; job-status snapshots in Go workers
// Kind: fixed
// Pair: native/progressloop

package progressloopfix

import (
	"fmt"
	"os"
	"sync/atomic"
)

type Progress struct {
	Total   int
	Done    int
	Current string
}

type Job struct {
	status atomic.Pointer[Progress]
}

func process(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a directory", path)
	}
	return nil
}

func (j *Job) Run(files []string) error {
	p := &Progress{Total: len(files)}
	j.status.Store(p)
	for i, f := range files {
		j.status.Store(&Progress{Total: len(files), Done: i, Current: f})
		if err := process(f); err != nil {
			return err
		}
	}
	j.status.Store(&Progress{Total: len(files), Done: len(files)})
	return nil
}

// Status is served by the HTTP status endpoint.
func (j *Job) Status() string {
	p := j.status.Load()
	if p == nil {
		return "idle"
	}
	return fmt.Sprintf("%d/%d %s", p.Done, p.Total, p.Current)
}
