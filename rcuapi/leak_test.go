package rcuapi_test

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// The package's tests must leave no goroutine behind: the runtime starts its
// goroutines on demand, and they must exit once it is idle. This is the
// whole of the check, written here so that rcuapi's module needs no
// dependency, not even for its tests.

// leakMarker is what every goroutine of the runtime or of its tests has in
// its stack: a frame of package rcuapi or rcuapi_test, or the line that
// says which function of them started it. Goroutines of the testing package,
// the runtime and os/signal do not.
const leakMarker = "github.com/rcuvet/rcuvet/rcuapi"

// leakedGoroutines returns the stacks of the goroutines, other than the
// caller's, that run or were started by code of the rcuapi packages.
func leakedGoroutines() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var leaked []string
	for i, g := range bytes.Split(buf, []byte("\n\n")) {
		if i == 0 {
			continue // the calling goroutine comes first
		}
		if bytes.Contains(g, []byte(leakMarker)) {
			leaked = append(leaked, string(g))
		}
	}
	return leaked
}

// checkNoLeaks waits up to limit for the goroutines of the rcuapi packages
// to exit. If some are still there, it prints their stacks on stderr and
// returns false.
func checkNoLeaks(limit time.Duration) bool {
	start := time.Now()
	leaked := leakedGoroutines()
	for len(leaked) > 0 && time.Since(start) < limit {
		time.Sleep(10 * time.Millisecond)
		leaked = leakedGoroutines()
	}
	if len(leaked) > 0 {
		fmt.Fprintf(os.Stderr, "%d goroutines still running %v after the last test:\n\n%s\n",
			len(leaked), limit, strings.Join(leaked, "\n\n"))
		return false
	}
	return true
}
