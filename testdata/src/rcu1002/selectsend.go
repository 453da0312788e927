package rcu1002

import "github.com/rcuvet/rcuvet/rcuapi"

// A pointer sent on a channel in a select escapes as one sent by a plain
// send does; a copy may be sent.

func sentInSelect(out chan *config, done chan struct{}) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := cfg.Dereference(s)
	select {
	case out <- c: // want `RCU1002: a pointer obtained under the section begun by ReadLock at selectsend\.go:\d+ is sent on a channel`
	case <-done:
	}
}

func sentInSelectWithDefault(out chan *config) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	select {
	case out <- cfg.Dereference(s): // want `RCU1002: a pointer obtained under the section begun by ReadLock at selectsend\.go:\d+ is sent on a channel`
	default:
	}
}

func okCopySentInSelect(out chan string, done chan struct{}) {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s).name
	rcuapi.ReadUnlock(s)
	select {
	case out <- c:
	case <-done:
	}
}
