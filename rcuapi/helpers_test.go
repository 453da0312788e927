package rcuapi_test

import (
	"strings"
	"testing"
	"time"
)

// mustPanic runs f and fails unless it panics with a value whose text
// contains every one of want.
func mustPanic(t *testing.T, f func(), want ...string) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("did not panic; want a panic mentioning %q", want)
		}
		var msg string
		switch v := r.(type) {
		case error:
			msg = v.Error()
		case string:
			msg = v
		default:
			t.Fatalf("panicked with %T %v; want an error or a string", r, r)
		}
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("panic %q does not mention %q", msg, w)
			}
		}
	}()
	f()
}

// returnsWithin reports whether f returns within d; if it does not, f is
// left running (the caller must make it return, e.g. by ending a section).
func returnsWithin(d time.Duration, f func()) (returned bool, wait func()) {
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
		return true, func() {}
	case <-time.After(d):
		return false, func() { <-done }
	}
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
