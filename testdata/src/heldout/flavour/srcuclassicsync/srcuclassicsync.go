// Case: open-redirect table read under its own SRCU domain, old entries freed after a classic grace period
// Source: susfs4ksu-module issue #235 "OPEN_REDIRECT: mismatched SRCU/RCU grace period may cause UAF" (https://github.com/sidex15/susfs4ksu-module/issues/235)
// Kind: bad
// Pair: srcuclassicsyncfix

package srcuclassicsync

import (
	"os"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type redirect struct {
	from, to string
	target   *os.File // opened once, shared by every open of from
}

var (
	redirSRCU rcuapi.SRCU // readers may block in os.File reads
	mu        sync.Mutex
	table     rcuapi.Pointer[map[string]*redirect]
)

// Open opens path, or its redirect target, and copies its head into buf.
func Open(path string, buf []byte) (int, error) {
	s := redirSRCU.ReadLock()
	defer redirSRCU.ReadUnlock(s)
	if m := table.Dereference(s); m != nil {
		if r := (*m)[path]; r != nil {
			return r.target.ReadAt(buf, 0)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return f.Read(buf)
}

// Add installs or replaces the redirect of from.
func Add(from, to string) error {
	f, err := os.Open(to)
	if err != nil {
		return err
	}
	mu.Lock()
	old := table.Protected(&mu)
	next := map[string]*redirect{}
	if old != nil {
		for k, v := range *old {
			next[k] = v
		}
	}
	prev := next[from]
	next[from] = &redirect{from: from, to: strings.Clone(to), target: f}
	table.Assign(&next)
	mu.Unlock()
	if prev != nil {
		rcuapi.Synchronize() // expect RCU5001
		prev.target.Close()
	}
	return nil
}
