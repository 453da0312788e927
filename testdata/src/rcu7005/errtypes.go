package rcu7005

import (
	"errors"
	"fmt"
	"sync/atomic"

	"fixtures/rcu7005/errlib"
)

// A history's first failure, kept from several places: every error comes
// from one library whose constructors all return the same type, so the
// Value cannot be given two types (pebble's metamorphic history).
type history struct{ err atomic.Value }

func (h *history) okRecord(line string, fail bool) {
	if fail {
		h.err.Store(errlib.Newf("failure matched %q", line))
	}
}

func (h *history) okFatalf(format string, args ...any) {
	h.err.Store(errlib.Newf(format, args...))
}

func (h *history) okRestart(err error) {
	if err != nil {
		h.err.Store(errlib.Wrap(err, "restart"))
	}
}

// Sentinel errors made by errors.New are all *errors.errorString.
type sentinels struct{ last atomic.Value }

func (s *sentinels) okTimeout() { s.last.Store(errors.New("timeout")) }

func (s *sentinels) okClosed() { s.last.Store(errors.New("closed")) }

// A constructor of two types, and two constructors of different types.
type mixedErrs struct{ last atomic.Value }

func (m *mixedErrs) plain(code int) {
	m.last.Store(errlib.Plain(code)) // want `RCU7005: Store into atomic.Value m\.last of a value of interface type error`
}

func (m *mixedErrs) sentinel() { m.last.Store(errors.New("stop")) }

func (m *mixedErrs) wrapped(err error) {
	m.last.Store(errlib.Wrap(err, "x")) // want `RCU7005: Store into atomic.Value m\.last of a \*fixtures/rcu7005/errlib\.withStack, but the Store at errtypes\.go:\d+ stores a \*errors\.errorString`
}

var _ = fmt.Sprint

// A status error is nil for the OK code: stored unchecked, it panics
// (grpc-go's ext_proc trailers error on an immediate response with OK).
type extStream struct{ trailerErr atomic.Value }

func (s *extStream) immediate(code int, msg string) {
	s.trailerErr.Store(errlib.Status(code, msg)) // want `RCU7005: Store into atomic.Value s\.trailerErr of a value of interface type error: its concrete type may differ from one Store to the next, and atomic.Value panics when it does \(or when it is nil\)`
}

func (s *extStream) okImmediate(code int, msg string) {
	if err := errlib.Status(code, msg); err != nil {
		s.trailerErr.Store(err)
	}
}
