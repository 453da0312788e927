// Package earlyreturn has an Exit that waits with Barrier, but returns
// early on an error without it.
package earlyreturn

import (
	"log"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type rules struct{ deny []string }

var (
	mu    sync.Mutex
	cur   rcuapi.Pointer[rules]
	logf  *os.File
	cache *os.File
)

func Set(next *rules) {
	mu.Lock()
	cur.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { logf.WriteString("old rules retired\n") })
}

func exit() { // want `^RCU6001: exit, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at earlyreturn.go:\d+\): they could run after the module is gone; stop queueing them, then call rcuapi\.Barrier\(\) before Exit returns$`
	if err := cache.Sync(); err != nil {
		log.Print(err)
		return // the callbacks Set queued may still run
	}
	rcuapi.Barrier()
	logf.Close()
}

var Module = &rcuapi.Module{Name: "rules", Exit: exit}
