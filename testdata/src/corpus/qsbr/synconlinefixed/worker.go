// Case: QSBR config worker applies a reload message while its handle is still offline, and goes online only to serve requests
// Source: liburcu urcu-qsbr synchronize_rcu() from a registered online thread (the thread would wait for its own quiescent state; urcu-qsbr takes the caller offline, rcuapi requires the caller to); folly "Deadlock possible between rcu_retire and synchronize_rcu", https://github.com/facebook/folly/issues/1211
// Kind: fixed
// Pair: synconlinebad

package synconlinefixed

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	banned []string
}

// Msg is a request (Text) or a reload (Banned).
type Msg struct {
	Text   string
	Banned []string
	Reply  func(ok bool) // never blocks
}

var (
	q   = rcuapi.NewQSBR("config")
	mu  sync.Mutex
	cfg rcuapi.Pointer[config]
)

// reload publishes a new config and returns once no reader can still see
// the old one.
func reload(banned []string) {
	mu.Lock()
	cfg.Replace(&config{banned: banned}, &mu)
	mu.Unlock()
	q.Synchronize()
}

// Serve handles messages until in is closed.
func Serve(in <-chan Msg) {
	r := q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		m, ok := <-in
		if !ok {
			return // Unregister works on an offline handle
		}
		if m.Banned != nil {
			reload(m.Banned) // offline: the grace period does not wait for us
			m.Reply(true)
			r.Online()
			continue
		}
		r.Online()
		s := r.ReadLock()
		allowed := true
		if c := cfg.Dereference(s); c != nil {
			for _, b := range c.banned {
				if strings.Contains(m.Text, b) {
					allowed = false
				}
			}
		}
		r.ReadUnlock(s)
		r.Quiescent()
		m.Reply(allowed)
	}
}
