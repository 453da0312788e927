// Package earlyreturn has an Exit that returns early on an error, and
// waits with Barrier on that path too.
package earlyreturn

import (
	"log"
	"os"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	written atomic.Int64 // what the callbacks counted
	logf    *os.File
	cache   *os.File
)

func Note(msg string) {
	rcuapi.Call(func() { written.Add(int64(len(msg))) })
}

func exit() {
	if err := cache.Sync(); err != nil {
		log.Print(err)
		rcuapi.Barrier()
		return
	}
	rcuapi.Barrier()
	logf.Close()
}

var Module = &rcuapi.Module{Name: "notes", Exit: exit}
