// Case: QSBR control goroutine applies a rewrite-rule command and waits for the grace period while its own handle is online
// Source: liburcu urcu-qsbr: a registered thread must be offline (rcu_thread_offline) before it waits for a grace period, or it waits for itself (https://github.com/urcu/userspace-rcu doc/rcu-api.md; rcuapi QSBR docs)
// Kind: bad
// Pair: qsbrsyncfix

package qsbrsync

import (
	"strings"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type rewriteRules struct {
	from, to []string
	scratch  []byte
}

func build(pairs []string) *rewriteRules {
	next := &rewriteRules{scratch: make([]byte, 4096)}
	for _, p := range pairs {
		if f, t, ok := strings.Cut(p, "="); ok {
			next.from, next.to = append(next.from, f), append(next.to, t)
		}
	}
	return next
}

type Command struct {
	Pairs   []string // "from=to"
	Dropped int      // rules of the old set that the new one lacks
	Done    chan struct{}
}

type Server struct {
	q rcuapi.QSBR
	// rules is updated only by the Control goroutine.
	//
	//rcu:single-updater
	rules rcuapi.Pointer[rewriteRules]
	owned *rewriteRules // what Control published last; Control's own
}

// apply publishes new rules and clears the old scratch space once no
// worker can still be rewriting with it.
func (sv *Server) apply(pairs []string) {
	next := build(pairs)
	old := sv.owned
	sv.rules.Assign(next)
	sv.owned = next
	sv.q.Synchronize()
	if old != nil {
		clear(old.scratch)
	}
}

// Control applies configuration commands. It compares against the rules
// in force, so it reads them under a handle of its own.
func (sv *Server) Control(cmds <-chan *Command) {
	r := sv.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		c, ok := <-cmds
		r.Online()
		if !ok {
			return
		}
		dropped := 0
		s := r.ReadLock()
		if cur := sv.rules.Dereference(s); cur != nil {
			for _, f := range cur.from {
				if !strings.Contains(strings.Join(c.Pairs, "\n"), f+"=") {
					dropped++
				}
			}
		}
		r.ReadUnlock(s)
		r.Quiescent()
		sv.apply(c.Pairs) // expect RCU1006
		c.Dropped = dropped
		close(c.Done)
	}
}

// Rewrite is what request workers call under their own handle's section.
func (sv *Server) Rewrite(s rcuapi.Section, path string) string {
	rr := sv.rules.Dereference(s)
	for i, f := range rr.from {
		if strings.HasPrefix(path, f) {
			return rr.to[i] + path[len(f):]
		}
	}
	return path
}
