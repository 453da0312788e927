// Case: session-store module's Exit stops the janitor and then drains the releases the helper package queued
// Source: Documentation/RCU/rcubarrier.rst and checklist.rst item 18 (callbacks queued on a module's behalf by other code still run module functions); seed text on rcu_barrier() at module unload
// Kind: fixed
// Pair: sessionstore

package sessionstorefix

import (
	"sync"
	"time"

	"fixtures/heldout2/modexit/sessionstorefix/retire"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct {
	user    string
	expires time.Time
	scratch *[]byte // per-session render buffer
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

func freeSession(s *session) {
	*s.scratch = (*s.scratch)[:0]
	bufPool.Put(s.scratch)
}

type store struct {
	sessions rcuapi.Map[string, *session]
	stop     chan struct{}
	done     chan struct{}
}

var st store

var Module = &rcuapi.Module{Name: "sessionstore", Init: start, Exit: stop}

func start() error {
	st.stop = make(chan struct{})
	st.done = make(chan struct{})
	go janitor(st.stop, st.done)
	return nil
}

// User returns the user a session token belongs to.
func User(token string, now time.Time) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	sess, ok := st.sessions.Load(s, token)
	if !ok || now.After(sess.expires) {
		return "", false
	}
	return sess.user, true
}

// Logout ends a session.
func Logout(token string) {
	if old, ok := st.sessions.Delete(token); ok {
		retire.Later(old, freeSession)
	}
}

func janitor(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			sweep(now)
		}
	}
}

func sweep(now time.Time) {
	var expired []string
	s := rcuapi.ReadLock()
	for token, sess := range st.sessions.Range(s) {
		if now.After(sess.expires) {
			expired = append(expired, token)
		}
	}
	rcuapi.ReadUnlock(s)
	for _, token := range expired {
		if retire.Queued() > 10000 {
			retire.Drain()
		}
		if old, ok := st.sessions.Delete(token); ok {
			retire.Later(old, freeSession)
		}
	}
}

func stop() {
	close(st.stop)
	<-st.done
	retire.Drain()
}
