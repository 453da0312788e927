// Package classic queues classic callbacks; its Exit waits for a classic
// grace period instead of for them.
package classic

import (
	"fmt"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type quota struct{ limit int }

var (
	mu    sync.Mutex
	cur   rcuapi.Pointer[quota]
	audit *os.File
)

func Set(next *quota) {
	mu.Lock()
	cur.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { fmt.Fprintf(audit, "quota now %d\n", next.limit) })
}

func exit() {
	rcuapi.Synchronize() // want `^RCU6002: exit, a module's Exit, waits for a grace period of classic RCU, but this package queues callbacks there \(at classic\.go:\d+\) and a grace period does not wait for callbacks: call rcuapi\.Barrier\(\) instead$`
	audit.Close()
}

var Module = &rcuapi.Module{Name: "quota", Exit: exit}
