package rcu2004

import (
	"os"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Polled grace periods cover what was unpublished before the cookie was
// taken; a callback queued before the unpublish waits for a grace period
// that may end before it.

var profiles rcuapi.Map[string, *logger]

func cookieBeforeReplace(next *logger) {
	gp := rcuapi.GetState()
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	rcuapi.CondSynchronize(gp)
	old.Close() // want `RCU2004: Close destroys an object that Replace unpublished \(at polled.go:\d+\) before a grace period elapsed`
}

func startPollBeforeReplace(next *logger) {
	st := rcuapi.StartPoll()
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	if rcuapi.PollState(st) {
		old.Close() // want `RCU2004: Close destroys an object that Replace unpublished`
	}
}

func callBeforeUnpublish(next *logger) {
	mu.Lock()
	defer mu.Unlock()
	old := current.Protected(&mu)
	rcuapi.Call(func() { old.Close() }) // want `RCU2004: Call queues a callback that destroys an object still published: Assign unpublishes it only later`
	current.Assign(next)
}

func methodValueBeforeUnpublish(next *logger) {
	mu.Lock()
	defer mu.Unlock()
	old := current.Protected(&mu)
	rcuapi.Call(func() { _ = old.Close() }) // want `RCU2004: Call queues a callback that destroys an object still published`
	current.Assign(next)
}

func mapSwapThenPut(user string, next *logger) {
	old, ok := profiles.Swap(user, next)
	if ok {
		old.Close() // want `RCU2004: Close destroys an object that Swap unpublished`
	}
}

func mapDeleteThenClose(user string) {
	if old, ok := profiles.Delete(user); ok {
		old.Close() // want `RCU2004: Close destroys an object that Delete unpublished`
	}
}

// Correct: the cookie is taken after the unpublish.
func cookieAfterReplace(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	gp := rcuapi.GetState()
	rcuapi.CondSynchronize(gp)
	old.Close()
}

// Correct: polled after the unpublish, destroyed only once elapsed.
func pollAfterReplace(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	st := rcuapi.StartPoll()
	if rcuapi.PollState(st) {
		old.Close()
	}
}

// Correct: the callback is queued after the unpublish.
func callAfterUnpublish(next *logger) {
	mu.Lock()
	old := current.Replace(next, &mu)
	mu.Unlock()
	rcuapi.Call(func() { old.Close() })
}

// Correct: a Map value retired after a grace period.
func mapDeleteThenWait(user string) {
	if old, ok := profiles.Delete(user); ok {
		rcuapi.Synchronize()
		old.Close()
	}
}

type sess struct{ f *os.File }

func (s *sess) Close() error { return s.f.Close() }

var sessList rcuapi.List[*sess]

// callBeforeRemove queues the destroy of an element's value before it
// unlinks the element, in an AllProtected loop.
func callBeforeRemove(expired func(*sess) bool) {
	mu.Lock()
	defer mu.Unlock()
	for e := range sessList.AllProtected(&mu) {
		if !expired(e.Value) {
			continue
		}
		s := e.Value
		rcuapi.Call(func() { s.Close() }) // want `RCU2004: Call queues a callback that destroys an object still published: Remove unpublishes it only later`
		sessList.Remove(e)
	}
}

func okRemoveBeforeCall(expired func(*sess) bool) {
	mu.Lock()
	defer mu.Unlock()
	for e := range sessList.AllProtected(&mu) {
		if !expired(e.Value) {
			continue
		}
		s := e.Value
		sessList.Remove(e)
		rcuapi.Call(func() { s.Close() })
	}
}
